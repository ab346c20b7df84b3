/**
 * The collector under test as a child process (`collector-main.ts` under
 * tsx, resolving workspace packages to their sources), so that its CPU time
 * and peak RSS are its own, not the load generator's. Controlled over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export type ChildRequest =
  | { readonly type: 'usage' }
  | { readonly type: 'count'; readonly table: string }
  | { readonly type: 'flush' }
  | { readonly type: 'stop' };

export type ChildReply =
  | { readonly type: 'ready'; readonly url: string }
  | {
      readonly type: 'usage';
      readonly cpuSeconds: number;
      readonly maxRssBytes: number;
      readonly rssBytes: number;
      readonly heapBytes: number;
    }
  | { readonly type: 'count'; readonly rows: number }
  | { readonly type: 'flushed' }
  | { readonly type: 'error'; readonly message: string };

export interface Usage {
  /** user + system CPU of the whole process (every thread, chDB's included) since it started. */
  readonly cpuSeconds: number;
  /** Peak resident set size: /proc/<pid>/status VmHWM, else getrusage's maxRSS. */
  readonly peakRssBytes: number;
  /** Resident set size now; the V8 heap in it; its file-backed share (mostly libchdb.so's code). */
  readonly rssBytes: number;
  readonly heapBytes: number;
  readonly rssFileBytes: number | null;
}

export interface CollectorProcess {
  readonly url: string;
  readonly pid: number;
  usage(): Promise<Usage>;
  count(table: string): Promise<number>;
  /** Resolves once every accepted row is inserted (with --ingest-ack log, INSERTs follow the acks). */
  flush(): Promise<void>;
  /** Flushes and closes the collector, waits for the process to end (kills it after a while). */
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL) and waits for it to end. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  /** naap-collector flags (`--listen`, `--clickhouse`, `--tokens`, …). */
  readonly flags: readonly string[];
  /** Extra Node options for the child, e.g. `--cpu-prof`. */
  readonly nodeOptions?: readonly string[];
  readonly timeoutMs?: number;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./collector-main.ts', import.meta.url));

/** Fields of /proc/<pid>/status in bytes (Linux); null where there is none. */
async function procStatus(pid: number, fields: readonly string[]): Promise<(number | null)[]> {
  let status = '';
  try {
    status = await readFile(`/proc/${pid}/status`, 'utf8');
  } catch {
    // not Linux: the caller falls back to what the child reports
  }
  return fields.map((f) => {
    const kib = new RegExp(`^${f}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

export async function spawnCollector(options: SpawnOptions): Promise<CollectorProcess> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const child = fork(ENTRY, [...options.flags], {
    cwd: REPO_ROOT,
    execArgv: ['--conditions=@naap/source', '--import', 'tsx', ...(options.nodeOptions ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: ((reply: ChildReply) => void)[] = [];
  let failure: Error | null = null;
  const failAll = (err: Error): void => {
    failure ??= err;
    for (const w of waiters.splice(0)) w({ type: 'error', message: err.message });
  };
  child.on('message', (reply: ChildReply) => waiters.shift()?.(reply));
  child.once('exit', (code, signal) => {
    failAll(new Error(`collector exited (code ${code ?? '-'}, signal ${signal ?? '-'})`));
  });
  child.once('error', failAll);

  /** The child's next reply (replies come in request order); bounded in time. */
  const next = <T extends ChildReply['type']>(type: T): Promise<ChildReply & { type: T }> =>
    new Promise((resolve, reject) => {
      if (failure !== null) {
        reject(failure);
        return;
      }
      const timer = setTimeout(() => {
        reject(new Error(`collector: no "${type}" reply within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push((reply) => {
        clearTimeout(timer);
        if (reply.type === type) resolve(reply as ChildReply & { type: T });
        else reject(new Error(`collector: ${reply.type === 'error' ? reply.message : reply.type}`));
      });
    });
  const ask = <T extends ChildReply['type']>(request: ChildRequest, type: T) => {
    const reply = next(type);
    child.send(request);
    return reply;
  };

  let ready: ChildReply & { type: 'ready' };
  try {
    ready = await next('ready');
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const pid = child.pid ?? 0;
  return {
    url: ready.url,
    pid,
    async usage() {
      const u = await ask({ type: 'usage' }, 'usage');
      const [hwm, file] = await procStatus(pid, ['VmHWM', 'RssFile']);
      return {
        cpuSeconds: u.cpuSeconds,
        peakRssBytes: hwm ?? u.maxRssBytes,
        rssBytes: u.rssBytes,
        heapBytes: u.heapBytes,
        rssFileBytes: file ?? null,
      };
    },
    async count(table) {
      return (await ask({ type: 'count', table }, 'count')).rows;
    },
    async flush() {
      await ask({ type: 'flush' }, 'flushed');
    },
    async stop() {
      if (child.connected) child.send({ type: 'stop' } satisfies ChildRequest);
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited(child);
      clearTimeout(killer);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
