import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and its removal. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'naap-spool-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Polls `condition` every 5 ms until it holds; throws after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The pid of a process that has exited (and been reaped). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.once('exit', resolve));
  return pid;
}

/** How a child killed by `killAfterLines` ended, and the row numbers it announced. */
export interface KilledChild {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderr: string;
  readonly seqs: number[];
}

/**
 * Runs `node --import tsx <args>` in `cwd` until it printed `lines` lines
 * `<word> <first> <count>`, kills it with SIGKILL at once, and returns the row
 * numbers of all such lines (including lines still in the pipe when it died).
 */
export async function killAfterLines(
  args: readonly string[],
  cwd: string,
  word: string,
  lines: number,
): Promise<KilledChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seqs: number[] = [];
  let count = 0;
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const all = (pending + chunk.toString()).split('\n');
    pending = all.pop() ?? '';
    for (const [w, first, n] of all.map((line) => line.split(' '))) {
      if (w !== word) continue;
      for (let i = 0; i < Number(n); i++) seqs.push(Number(first) + i);
      count += 1;
    }
    if (count >= lines) child.kill('SIGKILL');
  });
  // 'close' comes after the exit and the end of its output.
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.once('close', (c, s) => {
      resolve([c, s]);
    }),
  );
  return { code, signal, stderr, seqs };
}
