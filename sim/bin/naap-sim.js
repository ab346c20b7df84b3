#!/usr/bin/env node
// naap-sim: runs the compiled CLI (build with `pnpm build`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), process.env);
