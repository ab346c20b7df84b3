import { execa } from 'execa';
import { LineSplitter } from './lines.js';

/** One run of a long-lived nvidia-smi (or dcgmi), read line by line. */
export interface StreamRunOptions {
  readonly path: string;
  /** The tool's name in descriptions (default `nvidia-smi`). */
  readonly name?: string;
  readonly args: readonly string[];
  /** Aborting kills the child (SIGTERM, then SIGKILL after `killGraceMs`). */
  readonly signal: AbortSignal;
  /** Kill the child when it prints nothing for this long (it hung). */
  readonly idleTimeoutMs: number;
  readonly onLine: (line: string) => void;
  readonly onOversize: () => void;
  /** The stream ended inside a line: the fragment is not a whole row. */
  readonly onTruncated: (fragment: string) => void;
  readonly onSpawn?: (pid: number | undefined) => void;
  readonly killGraceMs?: number;
}

/** How a run ended. */
export interface StreamRunOutcome {
  /** The binary is absent or not executable (ENOENT / EACCES). */
  readonly missing: boolean;
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  /** Killed by the idle watchdog. */
  readonly hung: boolean;
  /** Killed because `signal` was aborted. */
  readonly canceled: boolean;
  /** A one-line description for logs and health. */
  readonly description: string;
}

const STDERR_TAIL = 1024;

/**
 * Spawns `path args` (never a shell), feeds its stdout to `onLine` as it
 * arrives, without buffering the whole output, and resolves when the child
 * has exited and been reaped. Never rejects.
 */
export async function runLineStream(options: StreamRunOptions): Promise<StreamRunOutcome> {
  const child = execa(options.path, options.args, {
    buffer: false,
    reject: false,
    stdin: 'ignore',
    cancelSignal: options.signal,
    forceKillAfterDelay: options.killGraceMs ?? 2000,
  });
  options.onSpawn?.(child.pid);
  const splitter = new LineSplitter({ line: options.onLine, oversize: options.onOversize });
  let hung = false;
  let idle: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      hung = true;
      child.kill();
    }, options.idleTimeoutMs);
  };
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    arm();
    splitter.push(chunk);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  arm();
  const result = await child;
  clearTimeout(idle);
  const fragment = splitter.end();
  if (fragment !== undefined) options.onTruncated(fragment);
  return outcomeOf(result, hung, stderr, options.name ?? 'nvidia-smi');
}

interface ChildResult {
  readonly failed: boolean;
  readonly code?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly isCanceled: boolean;
  readonly message?: string | undefined;
}

function outcomeOf(r: ChildResult, hung: boolean, stderr: string, name: string): StreamRunOutcome {
  const missing = r.code === 'ENOENT' || r.code === 'EACCES';
  const detail = stderr.trim().split('\n').pop()?.slice(0, 200) ?? '';
  let description: string;
  if (missing) description = `${name} not runnable (${r.code ?? ''})`;
  else if (hung) description = `${name} printed nothing for too long; killed`;
  else if (r.isCanceled) description = `${name} stopped`;
  else if (r.signal !== undefined) description = `${name} killed by ${r.signal}`;
  else if (r.exitCode !== undefined) description = `${name} exited with code ${r.exitCode}`;
  else description = `${name} failed: ${(r.message ?? '').split('\n')[0] ?? ''}`;
  if (detail !== '' && !missing) description += `: ${detail}`;
  return {
    missing,
    exitCode: r.exitCode,
    signal: r.signal,
    hung,
    canceled: r.isCanceled && !hung,
    description,
  };
}
