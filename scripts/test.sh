#!/usr/bin/env bash
# The whole test suite: unit and integration tests (vitest, real PostgreSQL), then end-to-end
# tests (Playwright in Chromium against the production build).
# With TEST_DATABASE_URL set, each run creates fresh databases on that server; otherwise
# everything runs on embedded PostgreSQL (PGlite).
set -euo pipefail
cd "$(dirname "$0")/.."
# Before vitest too: the report tests read the PDFs back with poppler's pdftotext.
bash scripts/ensure-test-tools.sh
npx vitest run
bash scripts/test-e2e.sh
