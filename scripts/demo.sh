#!/usr/bin/env bash
# The README's demo command (`npm run demo`): on a machine with Node >= 20.19
# and npm, installs pnpm 10 and the workspace, builds it, then runs naap-demo
# (the whole system over a simulated network on the embedded store).
# Flags are passed on: `npm run demo -- --reset`, `npm run demo -- --help`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
  step "installing pnpm 10"
  npm i -g pnpm@10 >/dev/null
fi

step "installing dependencies"
pnpm install --frozen-lockfile --reporter=append-only

step "building"
pnpm run build

step "starting the demo"
exec node demo/bin/naap-demo.js "$@"
