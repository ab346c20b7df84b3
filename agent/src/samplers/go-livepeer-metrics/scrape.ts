import { parseExposition } from './exposition.js';
import { describeError, getText } from './http.js';
import { readGoLivepeer, type GoLivepeerReading } from './mapping.js';

/** Largest `/metrics` body read (go-livepeer's is tens of KiB; per-stream labels make it grow). */
export const MAX_METRICS_BYTES = 8 * 1024 * 1024;

export type ScrapeResult =
  | { readonly ok: true; readonly reading: GoLivepeerReading; readonly bytes: number }
  | { readonly ok: false; readonly error: string };

export interface ScrapeOptions {
  readonly timeoutMs: number;
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

/** What client_golang serves as the classic text format when asked for it. */
const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

/**
 * One scrape of `<cliUrl>/metrics`: HTTP, size and time bounds, strict
 * parsing, then the mapping to contract values. Never throws.
 */
export async function scrapeGoLivepeer(cliUrl: string, o: ScrapeOptions): Promise<ScrapeResult> {
  const url = `${cliUrl.replace(/\/+$/, '')}/metrics`;
  let text: string;
  try {
    const res = await getText(url, {
      timeoutMs: o.timeoutMs,
      maxBytes: o.maxBytes ?? MAX_METRICS_BYTES,
      accept: ACCEPT,
      ...(o.signal !== undefined ? { signal: o.signal } : {}),
    });
    if (res.status !== 200) return { ok: false, error: `HTTP ${res.status}` };
    if (/html/i.test(res.contentType)) {
      return {
        ok: false,
        error: `not an exposition (content-type ${res.contentType.slice(0, 80)})`,
      };
    }
    text = res.text;
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
  const parsed = parseExposition(text);
  if (!parsed.ok) return parsed;
  const read = readGoLivepeer(parsed.families);
  if (!read.ok) return read;
  return { ok: true, reading: read.reading, bytes: Buffer.byteLength(text) };
}
