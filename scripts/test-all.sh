#!/usr/bin/env bash
# Installs what the tests need and runs every test: type-check, lint, unit, integration
# (embedded PGlite and PostgreSQL), API, CLI and browser tests. `.ci/run` runs this with CI=true,
# where the PostgreSQL-backed and browser tests are mandatory: they fail rather than skip.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC

echo "== Installing npm packages"
npm ci --no-audit --no-fund

echo "== Checking for Chromium (browser tests)"
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif [ -n "${CI:-}" ]; then
    echo "CI needs Chromium at /usr/bin/chromium and cannot install it (not root or no apt-get)." >&2
    exit 1
  else
    echo "Chromium is absent and cannot be installed here: the browser tests will be skipped."
  fi
fi

echo "== Checking for PostgreSQL at ${TRELLIS_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! node -e "
  const pg = require('pg');
  const c = new pg.Client({ connectionString: process.env.TRELLIS_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 3000 });
  c.connect().then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });
"; then
  if [ -n "${CI:-}" ]; then echo "CI needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth)." >&2; exit 1; fi
  echo "PostgreSQL is not reachable: the Postgres half of the integration tests will be skipped."
fi

echo "== Type-check"
npm run typecheck

echo "== Lint"
npm run lint

echo "== Building the web app"
npm run build:web

echo "== Tests"
mkdir -p .test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json || status=$?
node -e "
  const r = require('./.test-results/vitest.json');
  console.log(r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed, ' + (r.numPendingTests + r.numTodoTests) + ' skipped');
" || true
exit $status
