/**
 * CPU time per thread group of a process, from /proc/<pid>/task/<tid>/stat
 * (Linux; null elsewhere): where a process's CPU goes without a profiler.
 * chDB names its threads (QueryCompPipeEx, MergeMutate, …); Node's own
 * threads are all "node" except that the main thread's tid is the pid.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

export const THREAD_GROUPS = [
  'JS main thread',
  'Node helpers (GC, libuv: gunzip)',
  'chDB insert pipelines',
  'chDB merges',
  'chDB other',
] as const;
export type ThreadGroup = (typeof THREAD_GROUPS)[number];
export type ThreadCpu = Readonly<Record<ThreadGroup, number>>;

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!(ticksPerSecond > 0)) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

function groupOf(pid: number, tid: number, comm: string): ThreadGroup {
  if (tid === pid) return 'JS main thread';
  if (comm === 'node') return 'Node helpers (GC, libuv: gunzip)';
  if (/^(QueryCompPipeEx|QueryPipelineEx|ThreadPool|PushingAsyncPipe)/.test(comm)) {
    return 'chDB insert pipelines';
  }
  if (comm.startsWith('MergeMutate')) return 'chDB merges';
  return 'chDB other';
}

const empty = (): Record<ThreadGroup, number> =>
  Object.fromEntries(THREAD_GROUPS.map((g) => [g, 0])) as Record<ThreadGroup, number>;

/** CPU seconds (user + system) per group of the threads alive now; null without /proc. */
export async function threadCpu(pid: number): Promise<ThreadCpu | null> {
  let tids: string[];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  const out = empty();
  await Promise.all(
    tids.map(async (tid) => {
      try {
        const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const open = stat.indexOf('(');
        const close = stat.lastIndexOf(')');
        const comm = stat.slice(open + 1, close);
        // After "pid (comm) ": state is field 3, utime 14 and stime 15.
        const fields = stat.slice(close + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        out[groupOf(pid, Number(tid), comm)] += ticks / clockTicks();
      } catch {
        // the thread ended meanwhile
      }
    }),
  );
  return out;
}

/** after − before per group (threads that ended in between are missing from both sides). */
export function cpuBetween(before: ThreadCpu | null, after: ThreadCpu | null): ThreadCpu | null {
  if (before === null || after === null) return null;
  const out = empty();
  for (const g of THREAD_GROUPS) out[g] = Math.max(0, after[g] - before[g]);
  return out;
}

export function addCpu(a: ThreadCpu | null, b: ThreadCpu | null): ThreadCpu | null {
  if (a === null || b === null) return a ?? b;
  const out = empty();
  for (const g of THREAD_GROUPS) out[g] = a[g] + b[g];
  return out;
}
