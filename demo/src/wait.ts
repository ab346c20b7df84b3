import { readFile } from 'node:fs/promises';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  readonly signal?: AbortSignal;
  /** Any HTTP answer will do (the process is up), not only 2xx. */
  readonly anyStatus?: boolean;
}

/** Resolves when `url` answers 2xx; rejects after `timeoutMs` naming what it waited for. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  what: string,
  options: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      if (res.ok || options.anyStatus === true) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline)
      throw new Error(`${what} did not come up within ${timeoutMs / 1000} s (${url})`);
    await sleep(250);
  }
}

/** Resolves with a JSON file's content once it exists and parses. */
export async function waitForJson<T>(path: string, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  }
}
