#!/usr/bin/env bash
# The server Playwright tests: the real `npm start` path on a fresh embedded database, plus the test fixtures.
set -euo pipefail
DATA_DIR="$(mktemp -d -t mp-e2e-XXXXXX)/pglite"
export DATA_DIR
export PORT="${E2E_PORT:-3300}"
export EXTRA_TENANT_DIRS="tests/fixtures/tenants"
export DEMO_MODE=1
# Security suites read row counts and create persona sessions in the same embedded database.
export EMBEDDED_DB_PORT="${EMBEDDED_DB_PORT:-$((PORT + 1000))}"
unset DATABASE_URL
exec npx tsx db/launcher.ts
