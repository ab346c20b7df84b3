import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../src/node-flags.js';

// bin/naap-agent.js runs the agent with the V8 flags of src/node-flags.ts:
// given them (the launcher), it runs in this process; otherwise it runs Node
// once more with them, relaying signals and the exit status. A stand-in
// dist/ reports what the agent process saw.

const BIN = fileURLToPath(new URL('../bin/naap-agent.js', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../packaging/naap-agent-launcher.sh', import.meta.url));
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-bin-'));
  await mkdir(join(dir, 'bin'));
  await mkdir(join(dir, 'dist'));
  await copyFile(BIN, join(dir, 'bin/naap-agent.js'));
  await writeFile(
    join(dir, 'dist/node-flags.js'),
    `export const NODE_FLAGS = ${JSON.stringify(NODE_FLAGS)};\n`,
  );
  await writeFile(
    join(dir, 'dist/main.js'),
    [
      'export async function main(argv) {',
      "  const stopped = new Promise((r) => process.once('SIGTERM', r));",
      '  console.log(JSON.stringify({ pid: process.pid, execArgv: process.execArgv, argv }));',
      "  if (argv[0] !== 'wait') return Number(argv[0] ?? 0);",
      '  const alive = setInterval(() => undefined, 1000);',
      '  await stopped;',
      '  clearInterval(alive);',
      "  console.log('stopped');",
      '  return 0;',
      '}',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const seen = (stdout: string) =>
  JSON.parse(stdout.split('\n')[0] ?? '{}') as { pid: number; execArgv: string[]; argv: string[] };

describe('bin/naap-agent.js', () => {
  it('runs the agent with the V8 flags, in a second Node when not given them, and relays its exit status', async () => {
    const child = execa(process.execPath, [join(dir, 'bin/naap-agent.js'), '7', 'x'], {
      reject: false,
    });
    const r = await child;
    expect(r.exitCode).toBe(7);
    const agent = seen(r.stdout);
    for (const flag of NODE_FLAGS) expect(agent.execArgv).toContain(flag);
    expect(agent.argv).toEqual(['7', 'x']);
    expect(agent.pid).not.toBe(child.pid);
  });

  it('runs in the same process when started with the flags, as the launcher does', async () => {
    const child = execa(process.execPath, [...NODE_FLAGS, join(dir, 'bin/naap-agent.js'), '0'], {
      reject: false,
    });
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(seen(r.stdout).pid).toBe(child.pid);
  });

  it('passes SIGTERM on to the agent, which stops cleanly', async () => {
    const child = execa(process.execPath, [join(dir, 'bin/naap-agent.js'), 'wait'], {
      reject: false,
    });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        if (out.includes('\n')) resolve();
      });
    });
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('stopped');
  });

  it('the installed launcher passes the same flags', async () => {
    const launcher = await readFile(LAUNCHER, 'utf8');
    const exec = launcher.split('\n').find((l) => l.startsWith('exec "$node"'));
    expect(exec).toBe(`exec "$node" ${NODE_FLAGS.join(' ')} "$agent" "$@"`);
  });
});
