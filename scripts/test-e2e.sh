#!/usr/bin/env bash
# End-to-end tests: Chromium against the production build. Optional arguments pick spec files.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-test-tools.sh
export NEXT_TELEMETRY_DISABLED=1
# One e2e run at a time per build directory (NEXT_DIST_DIR, default .next).
dist="${NEXT_DIST_DIR:-.next}"
exec 9>"/tmp/ecr-e2e-${dist//\//_}.lock"
flock 9
# E2E_REUSE_BUILD=1 (the gate self-check, straight after a full run) keeps the build just made.
if [ "${E2E_REUSE_BUILD:-}" != "1" ] || [ ! -f "$dist/BUILD_ID" ]; then
  log="/tmp/ecr-next-build-${dist//\//_}.log"
  npx next build >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
fi
npx playwright test "$@"
