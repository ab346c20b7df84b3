import { PNG } from 'pngjs';
import { BodyTooLargeError, errorText, readLimited } from '../http.js';
import { MAX_ANSWER_BYTES } from './exchange.js';
import type { JobContext } from './types.js';

export interface Fetched {
  readonly contentType: string;
  readonly data: Buffer;
}

/**
 * Fetches a media URL of an answer: relative to the gateway (go-livepeer's
 * `/stream/<session>/<name>`), absolute http(s), or a base64 `data:` URL.
 * Returns a problem text when it cannot be had.
 */
export async function fetchMedia(ctx: JobContext, url: unknown): Promise<Fetched | string> {
  if (typeof url !== 'string' || url === '' || url.length > 8192)
    return typeof url === 'string' && url.length > 8192
      ? 'media URL too long'
      : 'missing media URL';
  const data = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url.slice(0, MAX_ANSWER_BYTES));
  if (data !== null) {
    return {
      contentType: data[1] ?? '',
      data: Buffer.from(data[3] ?? '', data[2] === undefined ? 'utf8' : 'base64'),
    };
  }
  if (!URL.canParse(url, ctx.gatewayUrl)) return 'media URL is not a URL';
  const resolved = new URL(url, ctx.gatewayUrl);
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:')
    return `media URL scheme ${resolved.protocol} not fetched`;
  try {
    const res = await ctx.fetch(resolved, { signal: ctx.signal });
    const body = await readLimited(res, MAX_ANSWER_BYTES);
    if (!res.ok) return `media ${resolved.pathname} answered HTTP ${res.status}`;
    return { contentType: (res.headers.get('content-type') ?? '').toLowerCase(), data: body };
  } catch (err) {
    return err instanceof BodyTooLargeError ? err.message : `media fetch failed: ${errorText(err)}`;
  }
}

/** Width and height of a PNG that decodes completely; null otherwise. */
export function decodePng(data: Buffer): { width: number; height: number } | null {
  try {
    const png = PNG.sync.read(data);
    return { width: png.width, height: png.height };
  } catch {
    return null;
  }
}

/** An image output: a PNG of the expected size (when one is expected). */
export function imageProblem(
  media: Fetched,
  expected: { width: number; height: number } | null,
): string | null {
  if (!media.contentType.startsWith('image/png') && media.contentType !== '')
    return `image has content type ${media.contentType.slice(0, 60)}, expected image/png`;
  const size = decodePng(media.data);
  if (size === null) return 'image does not decode as PNG';
  if (expected !== null && (size.width !== expected.width || size.height !== expected.height))
    return `image is ${size.width}×${size.height}, expected ${expected.width}×${expected.height}`;
  return null;
}

/** An ISO BMFF (MP4) file starts with a `ftyp` box. */
export function isMp4(data: Buffer): boolean {
  return data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp';
}

/** A RIFF/WAVE file. */
export function isWav(data: Buffer): boolean {
  return (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WAVE'
  );
}

/** A non-empty media file of the right family (`video/`, `audio/`). */
export function mediaProblem(media: Fetched, family: 'video' | 'audio'): string | null {
  if (media.data.length === 0) return `${family} is empty`;
  const type = media.contentType;
  if (type !== '' && !type.startsWith(`${family}/`))
    return `${family} has content type ${type.slice(0, 60)}`;
  if ((type.startsWith('video/mp4') || type === '') && family === 'video' && !isMp4(media.data))
    return 'video is not an MP4 file';
  if ((type.startsWith('audio/wav') || type.startsWith('audio/x-wav')) && !isWav(media.data))
    return 'audio is not a WAV file';
  return null;
}
