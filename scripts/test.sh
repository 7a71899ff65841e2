#!/usr/bin/env bash
# The whole test suite: unit and integration tests (vitest, real PostgreSQL), then end-to-end
# tests (Playwright in Chromium against the production build).
# With TEST_DATABASE_URL set, each run creates fresh databases on that server; otherwise
# everything runs on embedded PostgreSQL (PGlite).
# Arguments, if any, pick test files: tests/unit/… and tests/integration/… go to vitest,
# tests/e2e/… to Playwright, through the same steps as the whole suite (scripts/test-gate-check.sh
# relies on that).
set -euo pipefail
cd "$(dirname "$0")/.."
vitest_files=()
e2e_files=()
for arg in "$@"; do
  case "$arg" in
    tests/e2e/*) e2e_files+=("$arg") ;;
    *) vitest_files+=("$arg") ;;
  esac
done
# Before vitest too: the report tests read the PDFs back with poppler's pdftotext.
bash scripts/ensure-test-tools.sh
if [ $# -eq 0 ] || [ ${#vitest_files[@]} -gt 0 ]; then
  npx vitest run "${vitest_files[@]}"
fi
if [ $# -eq 0 ] || [ ${#e2e_files[@]} -gt 0 ]; then
  bash scripts/test-e2e.sh "${e2e_files[@]}"
fi
