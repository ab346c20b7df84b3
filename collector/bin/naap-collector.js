#!/usr/bin/env node
// naap-collector: runs the compiled collector (build with `pnpm build`).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), process.env);
