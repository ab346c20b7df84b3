import { readFile } from 'node:fs/promises';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves when `url` answers 2xx; rejects after `timeoutMs` naming what it waited for. */
export async function waitForHttp(url: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) return;
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
