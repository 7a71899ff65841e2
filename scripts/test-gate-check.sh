#!/usr/bin/env bash
# Proves the test gate cannot lie: a planted failing unit, integration and end-to-end test must each
# make the test runner (scripts/test.sh, what `npm test` runs) exit non-zero, on embedded PGlite and,
# when TEST_DATABASE_URL names a server, on that server too. Each planted file also holds a passing
# test, which must be reported as passed: so the non-zero exit is the planted failure's doing, not a
# runner or server that never started.
set -euo pipefail
cd "$(dirname "$0")/.."

planted=(tests/unit/zz-gate-planted.test.ts tests/integration/zz-gate-planted.test.ts tests/e2e/zz-gate-planted.spec.ts)
cleanup() { rm -f "${planted[@]}"; }
trap cleanup EXIT

vitest_body='import { expect, test } from "vitest";
test("gate: planted passing test", () => { expect(1 + 1).toBe(2); });
test("gate: planted failing test", () => { expect(1).toBe(2); });
'
printf '%s' "$vitest_body" > tests/unit/zz-gate-planted.test.ts
printf '%s' "$vitest_body" > tests/integration/zz-gate-planted.test.ts
cat > tests/e2e/zz-gate-planted.spec.ts <<'SPEC'
import { expect, test } from "@playwright/test";
test("gate: planted passing test", async ({ page }) => {
  const response = await page.goto("/accessibility");
  expect(response?.status()).toBe(200);
});
test("gate: planted failing test", () => { expect(1).toBe(2); });
SPEC

server_url="${TEST_DATABASE_URL:-}"
databases=("embedded")
[ -n "$server_url" ] && databases+=("server")

log=$(mktemp)
failures=0
for database in "${databases[@]}"; do
  for kind in unit integration e2e; do
    file=$(printf '%s\n' "${planted[@]}" | grep "/$kind/")
    if [ "$database" = "server" ]; then run_env=(env "TEST_DATABASE_URL=$server_url"); else run_env=(env -u TEST_DATABASE_URL); fi
    set +e
    "${run_env[@]}" E2E_REUSE_BUILD=1 bash scripts/test.sh "$file" >"$log" 2>&1
    code=$?
    set -e
    # Strip colours so the counts can be read.
    text=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log")
    if [ "$kind" = "e2e" ]; then
      ran=$(grep -cE '(✓|ok).*gate: planted passing test' <<<"$text" || true)
      failed=$(grep -cE '1 failed' <<<"$text" || true)
    else
      ran=$(grep -cE 'Tests +1 failed \| 1 passed' <<<"$text" || true)
      failed=$ran
    fi
    if [ "$code" -ne 0 ] && [ "$ran" -gt 0 ] && [ "$failed" -gt 0 ]; then
      echo "gate holds: a failing $kind test makes the runner exit $code on the $database database"
    else
      echo "GATE BROKEN: a failing $kind test on the $database database gave exit $code (passing test reported: $ran, failure reported: $failed)"
      tail -30 "$log"
      failures=$((failures + 1))
    fi
  done
done
rm -f "$log"
[ "$failures" -eq 0 ] || { echo "The test gate is broken in $failures case(s)"; exit 1; }
