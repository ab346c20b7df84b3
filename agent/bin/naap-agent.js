#!/usr/bin/env node
// naap-agent: runs the compiled agent (build with `pnpm build`).
import { main } from '../dist/main.js';

const code = await main(process.argv.slice(2), process.env);
// Exit explicitly: a sampler's last child process or socket must not keep a stopped agent alive.
process.exit(code);
