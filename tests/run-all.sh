#!/usr/bin/env bash
# The one command that runs every test: typecheck, unit, integration on PGlite and on a throwaway
# PostgreSQL 15 cluster, the embedded restart check, and Playwright end-to-end in Debian's chromium.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} from Debian…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
  else
    echo "Missing ${missing[*]}: run 'sudo apt-get install ${missing[*]}' first." >&2
    exit 1
  fi
fi

mkdir -p .tmp
rm -f .tmp/vitest-results.json .tmp/playwright-results.json

echo "== typecheck"
npm run --silent typecheck || exit 1

echo "== vitest: unit, pglite, pg15, embedded"
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-results.json
vitest_status=$?

echo "== playwright"
PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright-results.json npx playwright test --reporter=list,json
playwright_status=$?

node tests/summarise-results.mjs .tmp/vitest-results.json .tmp/playwright-results.json
summary_status=$?

[ $vitest_status -eq 0 ] && [ $playwright_status -eq 0 ] && [ $summary_status -eq 0 ]
