import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** Helpers for the tests of install.sh and agent/scripts/package.sh. */

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const INSTALL = join(REPO, 'install.sh');
export const PACKAGE = join(REPO, 'agent/scripts/package.sh');
export const PACKAGING = join(REPO, 'agent/packaging');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command, never throwing: the exit code and both outputs. */
export async function run(
  file: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<Run> {
  const r = await execa(file, args, {
    reject: false,
    env: options.env,
    cwd: options.cwd,
    stdin: 'ignore',
  });
  return {
    code: r.exitCode ?? -1,
    stdout: typeof r.stdout === 'string' ? r.stdout : '',
    stderr: typeof r.stderr === 'string' ? r.stderr : '',
  };
}

/** Writes an executable shell script. */
export async function script(path: string, body: string): Promise<void> {
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
}

/**
 * A minimal stand-in for the compiled agent: `bin/naap-agent.js` running `dist/main.js`
 * the way the real entry point does. Its `env` command imports a workspace package
 * and a third-party one, so running it proves the packaged node_modules resolve;
 * `--version` and `--help` need none.
 */
export async function fakeAgent(dir: string, version: string): Promise<void> {
  await mkdir(join(dir, 'bin'), { recursive: true });
  await mkdir(join(dir, 'dist'), { recursive: true });
  await writeFile(
    join(dir, 'bin/naap-agent.js'),
    [
      '#!/usr/bin/env node',
      "import { main } from '../dist/main.js';",
      'process.exitCode = await main(process.argv.slice(2), process.env);',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'dist/main.js'),
    [
      'export async function main(argv, env) {',
      `  if (argv[0] === '--version') { console.log('naap-agent ${version}'); return 0; }`,
      "  if (argv[0] === '--help') { console.log('Usage: naap-agent run|doctor|sample|enroll'); return 0; }",
      "  if (argv[0] === 'env') {",
      "    const otel = await import('@naap/otel');",
      "    const { pino } = await import('pino');",
      "    const settings = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('NAAP_AGENT_')));",
      '    console.log(JSON.stringify({ otel: Object.keys(otel).length, pino: typeof pino, settings }));',
      '    return 0;',
      '  }',
      "  console.error('unknown command');",
      '  return 2;',
      '}',
      '',
    ].join('\n'),
  );
}

/** Compiles @naap/otel when its dist/ is missing (the package bundles the compiled code). */
export async function ensureOtelBuilt(): Promise<void> {
  const otel = join(REPO, 'otel');
  if (existsSync(join(otel, 'dist/index.js'))) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await execa(process.execPath, [tsc, '-p', join(otel, 'tsconfig.build.json')], { reject: false });
}

/**
 * Everything under a directory, by relative path: type, mode, inode, size, times
 * and link target. Two equal snapshots mean nothing was written, replaced or
 * re-moded in between.
 */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      const st = await lstat(path);
      const rel = relative(root, path);
      const kind = st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : 'f';
      const link = st.isSymbolicLink() ? await readlink(path) : '';
      out.set(
        rel,
        [kind, (st.mode & 0o7777).toString(8), st.ino, st.size, st.mtimeMs, st.ctimeMs, link].join(
          ' ',
        ),
      );
      if (st.isDirectory()) await walk(path);
    }
  }
  if (existsSync(root)) await walk(root);
  return out;
}

/** Files and links (not directories) under root, relative, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const all = await snapshot(root);
  return [...all]
    .filter(([, v]) => !v.startsWith('d '))
    .map(([k]) => k)
    .sort();
}

export async function modeOf(path: string): Promise<number> {
  return (await lstat(path)).mode & 0o777;
}

export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}
