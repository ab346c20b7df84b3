import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, type SourceLine } from './line-splitter.js';

/** A command whose output is the go-livepeer log. */
export interface LogCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** Where the log is: journalctl prints it on stdout; `docker logs` replays stderr on stderr. */
  readonly streams: 'stdout' | 'both';
}

/**
 * `journalctl -f -u <unit> -o cat -n 0`: new entries only (`-n 0`), so a
 * restart does not count the last ten lines again; the message text only
 * (`-o cat`), which is go-livepeer's glog line.
 */
export function journalctlCommand(unit: string, file = 'journalctl'): LogCommand {
  return { file, args: ['-f', `--unit=${unit}`, '-o', 'cat', '-n', '0'], streams: 'stdout' };
}

/** `docker logs -f --since 0s <container>`: from now on, stdout and stderr (glog writes stderr). */
export function dockerLogsCommand(container: string, file = 'docker'): LogCommand {
  return { file, args: ['logs', '-f', '--since', '0s', '--', container], streams: 'both' };
}

export interface FollowCommandOptions {
  readonly command: LogCommand;
  readonly onLines: (lines: readonly SourceLine[]) => void;
  /** Each exit or spawn failure of the command (it is then restarted). */
  readonly onError?: (error: Error) => void;
  /** First restart delay (default 1 s), doubled per quick exit up to `maxBackoffMs` (default 30 s). */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A run at least this long resets the delay (default 60 s). */
  readonly stableAfterMs?: number;
  readonly maxLineBytes?: number;
  /** SIGTERM, then SIGKILL after this long, on close (default 2 s). */
  readonly killGraceMs?: number;
}

export interface FollowCommandStats {
  readonly starts: number;
  readonly exits: number;
  readonly linesRead: number;
  readonly lastExit: string | null;
}

const STDERR_TAIL = 1024;

/**
 * Runs a log-following command (never through a shell) and feeds its lines
 * as they arrive, restarting it with exponential backoff when it exits.
 * Lines logged while it is down are not seen (the commands start at "now").
 */
export class CommandFollower {
  private readonly abort = new AbortController();
  private loop: Promise<void> = Promise.resolve();
  private counts = { starts: 0, exits: 0, linesRead: 0 };
  private lastExit: string | null = null;

  constructor(private readonly options: FollowCommandOptions) {}

  start(): void {
    this.loop = this.run();
  }

  stats(): FollowCommandStats {
    return { ...this.counts, lastExit: this.lastExit };
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private isClosed(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const min = this.options.minBackoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 30_000;
    let delay = min;
    while (!this.isClosed()) {
      const started = Date.now();
      const description = await this.once();
      if (this.isClosed()) return;
      this.counts.exits++;
      this.lastExit = description;
      this.options.onError?.(new Error(description));
      if (Date.now() - started >= (this.options.stableAfterMs ?? 60_000)) delay = min;
      try {
        await sleep(delay, undefined, { signal: this.abort.signal });
      } catch {
        return; // closed while waiting
      }
      delay = Math.min(delay * 2, max);
    }
  }

  /** One run of the command; resolves with how it ended. Never rejects. */
  private async once(): Promise<string> {
    const { command } = this.options;
    const child = execa(command.file, command.args, {
      buffer: false,
      reject: false,
      stdin: 'ignore',
      cancelSignal: this.abort.signal,
      forceKillAfterDelay: this.options.killGraceMs ?? 2000,
    });
    this.counts.starts++;
    let batch: SourceLine[] = [];
    const collect = (line: SourceLine): void => {
      batch.push(line);
    };
    const deliver = (): void => {
      if (batch.length === 0) return;
      const lines = batch;
      batch = [];
      this.counts.linesRead += lines.length;
      try {
        this.options.onLines(lines);
      } catch (err) {
        this.options.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
    };
    const max = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const out = new LineSplitter(collect, max);
    const err = new LineSplitter(collect, max);
    let stderr = '';
    const bytes = (chunk: Buffer | string): Buffer =>
      typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    child.stdout.on('data', (chunk: Buffer | string) => {
      out.push(bytes(chunk));
      deliver();
    });
    child.stderr.on('data', (chunk: Buffer | string) => {
      if (command.streams === 'both') {
        err.push(bytes(chunk));
        deliver();
      } else {
        stderr = (stderr + bytes(chunk).toString('utf8')).slice(-STDERR_TAIL);
      }
    });
    const result = await child;
    out.flush();
    err.flush();
    deliver();
    return describe(command.file, result, stderr);
  }
}

interface ChildResult {
  readonly code?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly message?: string | undefined;
}

function describe(file: string, r: ChildResult, stderr: string): string {
  const detail = stderr.trim().split('\n').pop()?.slice(0, 200) ?? '';
  let text: string;
  if (r.code === 'ENOENT' || r.code === 'EACCES') text = `${file} not runnable (${r.code})`;
  else if (r.signal !== undefined) text = `${file} killed by ${r.signal}`;
  else if (r.exitCode !== undefined) text = `${file} exited with code ${r.exitCode}`;
  else text = `${file} failed: ${(r.message ?? '').split('\n')[0] ?? ''}`;
  return detail === '' ? text : `${text}: ${detail}`;
}
