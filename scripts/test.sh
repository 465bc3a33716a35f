#!/usr/bin/env bash
# The whole test suite: unit and integration tests on SQLite, the same again on PostgreSQL when
# TEST_DATABASE_URL names a server, then the production build and the browser tests in Chromium (on
# SQLite; with TEST_DATABASE_URL set, again against two instances on PostgreSQL behind a proxy,
# followed by the load and fault tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# Runs one pass of the browser tests. When it fails, what went wrong is repeated at the very end of
# the output, where a long run's failure details have scrolled far above: the errors that the app
# and the test runner printed, counted, what one failed test's page showed, and the disk and memory left.
browser_tests() {
  local log status=0
  log="$(mktemp)"
  "$@" 2>&1 | tee "$log" || status=$?
  if [[ "$status" != 0 ]]; then
    echo "== What went wrong in that browser pass (exit code $status)"
    echo "-- errors printed by the app and the test runner, most frequent first:"
    grep -E 'Error|error|SQLITE|ENOSPC|EADDRINUSE|ECONNREFUSED|ECONNRESET|Timeout|proxy:' "$log" \
      | grep -v -E '^\s+at |Missing `origin` header|Invalid Server Actions request' \
      | sed -E 's/[0-9a-f]{8,}/#/g; s/:[0-9]{4,5}/:PORT/g' | sort | uniq -c | sort -rn | head -n 30 || true
    local page
    page="$(find test-results -name error-context.md 2>/dev/null | head -n 1)"
    grep -E '^Page at failure' "$log" || true
    if [[ -n "$page" ]]; then
      echo "-- what one failed test's page showed ($page):"
      sed -n '/^# Error details/,$p' "$page" | head -n 150
    fi
    echo "-- disk and memory:"
    df -h . "$(node -p 'require("os").tmpdir()')" || true
    free -m || true
  fi
  rm -f "$log"
  return "$status"
}

echo "== Lint (ESLint, Next.js's rules) and format (Prettier)"
npx eslint .
npx prettier --check . > /dev/null || { npx prettier --list-different .; echo "Run 'npm run format' to format these files." >&2; exit 1; }

mapfile -t tests < <(find lib app components scripts -name '*.test.ts' -not -path '*/node_modules/*' | sort)

echo "== Unit and integration tests (SQLite)"
env -u TEST_DATABASE_URL node --conditions=react-server --import tsx --import ./lib/test-support/server-build.mjs --test --test-reporter=spec "${tests[@]}"

if [[ "${TEST_DATABASE_URL:-}" == postgres* ]]; then
  echo "== Unit and integration tests (PostgreSQL)"
  node --conditions=react-server --import tsx --import ./lib/test-support/server-build.mjs --test --test-reporter=spec "${tests[@]}"
else
  echo "== PostgreSQL tests skipped: set TEST_DATABASE_URL=postgresql://user@host:5432/db to run them"
fi

echo "== Type check and production build"
npx tsc --noEmit
npm run -s build

echo "== Browser tests (Playwright, Chromium)"
if ! node -e 'process.exit(require("fs").existsSync(require("@playwright/test").chromium.executablePath()) ? 0 : 1)' \
  && [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  echo "No Chromium found. Install one: 'npx playwright install chromium', or on Debian 'apt-get install chromium'." >&2
  exit 1
fi
browser_tests npx playwright test

if [[ "${TEST_DATABASE_URL:-}" == postgres* ]]; then
  echo "== Browser tests again: two app instances on PostgreSQL behind a round-robin proxy"
  E2E_CLUSTER=1 E2E_DATABASE_URL="$TEST_DATABASE_URL" browser_tests npx playwright test --project desktop

  echo "== Load test: 200 users for 60 s against two instances on PostgreSQL"
  npm run -s test:load
  if [[ "$(id -u)" == 0 ]] && command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "== Fault tests: SMTP outage, PostgreSQL restart, an instance killed"
    npm run -s test:faults
  else
    echo "== Fault tests skipped: restarting the local PostgreSQL needs root and pg_ctlcluster"
  fi
fi
