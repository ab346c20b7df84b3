#!/usr/bin/env node
// naap-gateway: runs the compiled test-load gateway (build with `pnpm build`).
import { main } from '../dist/main.js';

const code = await main(process.argv.slice(2), process.env);
// Exit explicitly: a keep-alive socket of the last job must not keep a stopped runner alive.
process.exit(code);
