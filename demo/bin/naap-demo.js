#!/usr/bin/env node
// Runs the compiled demo orchestrator (build first: `pnpm build`).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), process.env);
