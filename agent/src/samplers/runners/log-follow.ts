import { join } from 'node:path';
import { execa } from 'execa';
import { FileFollower } from '../go-livepeer-log/follow-file.js';
import { LineSplitter, type SourceLine } from '../go-livepeer-log/line-splitter.js';
import { splitDockerTimestamp } from './fps-line.js';

/** A followed runner log. `ended` is set once the source stopped by itself (docker logs exited). */
export interface LogFollower {
  readonly ended: boolean;
  /** Why it ended, when it failed (e.g. `docker logs` exited with an error). */
  readonly error: string | undefined;
  /** Timestamp of the last line read (docker logs --timestamps), for a gap-free restart. */
  readonly lastTimestamp: string | undefined;
  stop(): Promise<void>;
}

export type LineHandler = (text: string) => void;

/** `docker logs --since` form of a time: Unix seconds with a fraction. */
export function dockerSince(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * `docker logs --follow --timestamps --since <since> <container>`: ai-runner
 * logs through Python logging to stderr and uvicorn to stdout, so both are
 * read, each through its own bounded line splitter. When restarted after
 * `docker logs` ended, `since` is the last timestamp seen and lines up to it
 * are skipped, so nothing is counted twice.
 */
export function followDockerLogs(
  docker: string,
  container: string,
  since: string,
  onLine: LineHandler,
  skipUpTo?: string,
): LogFollower {
  const abort = new AbortController();
  let ended = false;
  let error: string | undefined;
  let lastStderr = '';
  let lastTimestamp: string | undefined = skipUpTo;
  const handle = (line: SourceLine): void => {
    if (line.truncated) return;
    const { ts, text } = splitDockerTimestamp(line.text);
    if (ts !== undefined) {
      // Fixed-width RFC 3339 UTC timestamps compare as strings.
      if (skipUpTo !== undefined && ts.length === skipUpTo.length && ts <= skipUpTo) return;
      lastTimestamp = ts;
    }
    onLine(text);
  };
  const child = execa(docker, ['logs', '--follow', '--timestamps', '--since', since, container], {
    buffer: false,
    reject: false,
    stdin: 'ignore',
    cancelSignal: abort.signal,
    forceKillAfterDelay: 2000,
  });
  const handleStderr = (line: SourceLine): void => {
    lastStderr = line.text;
    handle(line);
  };
  const splitters = [new LineSplitter(handle), new LineSplitter(handleStderr)] as const;
  const feed = (splitter: LineSplitter) => (chunk: Buffer | string) => {
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  };
  child.stdout.on('data', feed(splitters[0]));
  child.stderr.on('data', feed(splitters[1]));
  const done = child.then(
    (r) => {
      if (r.failed && !r.isCanceled) {
        const why = lastStderr.trim() === '' ? (r.shortMessage ?? 'failed') : lastStderr.trim();
        error = `docker logs: ${why.replace(/\p{Cc}/gu, ' ').slice(0, 200)}`;
      }
    },
    (err: unknown) => {
      error = `docker logs: ${err instanceof Error ? err.message : String(err)}`;
    },
  );
  void done.then(() => {
    // An unfinished last line may be cut mid-number: it is dropped, never parsed.
    for (const s of splitters) s.discard();
    ended = true;
  });
  return {
    get ended() {
      return ended;
    },
    get error() {
      return error;
    },
    get lastTimestamp() {
      return lastTimestamp;
    },
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

/** Follows `<dir>/<container>.log` from its start (logs written by the simulator, or a file sink). */
export function followLogFile(
  dir: string,
  container: string,
  onLine: LineHandler,
  onError: (err: Error) => void,
  pollIntervalMs = 250,
): LogFollower {
  const follower = new FileFollower({
    path: join(dir, `${container}.log`),
    fromStart: true,
    pollIntervalMs,
    onLines: (lines) => {
      for (const l of lines) if (!l.truncated) onLine(splitDockerTimestamp(l.text).text);
    },
    onError,
  });
  const started = follower.start();
  return {
    ended: false,
    error: undefined,
    lastTimestamp: undefined,
    stop: async () => {
      await started;
      await follower.close();
    },
  };
}
