#!/usr/bin/env bash
# The README's test command (`npm test`): sets up what the tests need, then
# builds, type-checks, lints and runs every test of the workspace. Needs only
# Node >= 20.19 and npm; installs pnpm 10 itself when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
  step "installing pnpm 10"
  npm i -g pnpm@10 >/dev/null
fi

# shellcheck checks install.sh in the tests; install it where we can (Debian, root).
if ! command -v shellcheck >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
  step "installing shellcheck (Debian package)"
  (apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null) || echo "shellcheck not installed: its test will be skipped"
fi

# Browser tests drive Debian's Chromium through playwright-core (no browser
# downloads); install it where we can (Debian, root), otherwise they skip.
if [[ ! -x /usr/bin/chromium ]] && command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
  step "installing chromium (Debian package)"
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will be skipped"
fi

step "installing dependencies"
pnpm install --frozen-lockfile --reporter=append-only

step "build"
pnpm run build

step "typecheck"
pnpm run typecheck

step "lint"
pnpm run lint

step "tests"
mkdir -p .reports
rm -f .reports/vitest.json .reports/summary.txt
set +e
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json
rc=$?
set -e
pnpm exec tsx scripts/test-summary.ts .reports/vitest.json .reports/summary.txt || rc=1
exit "$rc"
