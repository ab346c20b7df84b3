import type { FastifyReply } from 'fastify';

/** Go's `http.Error(w, msg, code)`: plain text, nosniff, the message plus a newline. */
export function goHttpError(reply: FastifyReply, code: number, message: string): FastifyReply {
  return reply
    .code(code)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .send(`${message}\n`);
}

/**
 * The Content-Type Go's ResponseWriter sniffs for a body written without
 * one (net/http DetectContentType), for the binary bodies the CLI returns:
 * the byte-order marks and the 2–3 byte signatures a random 65-byte
 * signature can start with, then text vs binary (any byte in 0x00–0x08,
 * 0x0B, 0x0E–0x1A, 0x1C–0x1F makes it binary).
 */
export function goSniffContentType(b: Uint8Array): string {
  const at = (i: number): number => b[i] ?? -1;
  if (at(0) === 0xfe && at(1) === 0xff) return 'text/plain; charset=utf-16be';
  if (at(0) === 0xff && at(1) === 0xfe) return 'text/plain; charset=utf-16le';
  if (at(0) === 0xef && at(1) === 0xbb && at(2) === 0xbf) return 'text/plain; charset=utf-8';
  if (at(0) === 0x42 && at(1) === 0x4d) return 'image/bmp';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x1f && at(1) === 0x8b && at(2) === 0x08) return 'application/x-gzip';
  const binary = b.some(
    (c) => c <= 0x08 || c === 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f),
  );
  return binary ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}
