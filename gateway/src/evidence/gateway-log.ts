import { open, stat } from 'node:fs/promises';

/** Most bytes of the gateway log read for one window. */
export const MAX_LOG_WINDOW_BYTES = 4 * 1024 * 1024;

export interface LogFailure {
  readonly uri: string;
  readonly message: string;
}

/**
 * go-livepeer server/ai_process.go, for every failed attempt of a request:
 * `Error submitting request modelID=<model> try=<n> orch=<uri> err=<error>`.
 */
const SUBMIT_ERROR = /Error submitting request modelID=(\S+) try=\d+ orch=(\S+) err=(.*)$/;

/** Failed attempts for `model` in log text. */
export function parseLogFailures(text: string, model: string): LogFailure[] {
  const out: LogFailure[] = [];
  for (const line of text.split('\n')) {
    const m = SUBMIT_ERROR.exec(line);
    if (m?.[1] === model && m[2] !== undefined && m[3] !== undefined)
      out.push({ uri: m[2], message: m[3].trim() });
  }
  return out;
}

export async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/** The text appended to `path` since `offset` (from the start when the file shrank: rotated). */
export async function readSince(path: string, offset: number): Promise<string> {
  const size = await fileSize(path);
  if (size === null) return '';
  const from = size < offset ? 0 : offset;
  const length = Math.min(size - from, MAX_LOG_WINDOW_BYTES);
  if (length <= 0) return '';
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, from);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
