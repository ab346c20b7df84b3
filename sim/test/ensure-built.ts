import { access, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/**
 * Brings the compiled `dist/` of otel and sim up to date before a test spawns
 * the real executables (`sim/bin/*.js` run `dist/`). Only rebuilds when dist is
 * missing or older than the sources; a directory lock keeps parallel test
 * files from compiling at the same time.
 */
export const SIM_DIR = fileURLToPath(new URL('../', import.meta.url));
const OTEL_DIR = join(SIM_DIR, '../otel');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const LOCK = join(SIM_DIR, '.build-lock');

async function newestSourceMs(dir: string): Promise<number> {
  const files = await readdir(join(dir, 'src'), { recursive: true });
  const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const times = await Promise.all(
    sources.map(async (f) => (await stat(join(dir, 'src', f))).mtimeMs),
  );
  return Math.max(0, ...times);
}

async function upToDate(dir: string, entry: string): Promise<boolean> {
  const built = await stat(join(dir, entry)).catch(() => null);
  return built !== null && built.mtimeMs >= (await newestSourceMs(dir));
}

async function withLock(fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) await rm(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

async function build(dir: string, entry: string): Promise<void> {
  if (await upToDate(dir, entry)) return;
  // Type errors elsewhere in a package under edit must not stop the emit.
  await execa(process.execPath, [TSC, '-p', join(dir, 'tsconfig.build.json')], { reject: false });
  await access(join(dir, entry));
}

export async function ensureSimBuilt(): Promise<void> {
  if ((await upToDate(OTEL_DIR, 'dist/index.js')) && (await upToDate(SIM_DIR, 'dist/index.js')))
    return;
  await withLock(async () => {
    await build(OTEL_DIR, 'dist/index.js');
    await build(SIM_DIR, 'dist/index.js');
  });
}
