#!/usr/bin/env node
// naap-agent: runs the compiled agent (build with `pnpm build`).
//
// The agent runs with the V8 flags of src/node-flags.ts. The installed launcher
// and the benchmark pass them to Node; started any other way (`node
// bin/naap-agent.js`, `pnpm naap-agent`), this file runs Node once more with
// them and relays signals and the exit status.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../dist/node-flags.js';

const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const missing = NODE_FLAGS.filter((flag) => !given.includes(flag));

if (missing.length === 0) {
  const { main } = await import('../dist/main.js');
  const code = await main(process.argv.slice(2), process.env);
  // Exit explicitly: a sampler's last child process or socket must not keep a stopped agent alive.
  process.exit(code);
} else {
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(signal, () => {
      child.kill(signal);
    });
  }
  child.on('error', (err) => {
    process.stderr.write(`naap-agent: could not start Node.js: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
}
