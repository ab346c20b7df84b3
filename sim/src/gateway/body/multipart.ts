/**
 * A small, bounded multipart/form-data parser over a fully buffered body.
 *
 * Why hand-written: the workspace has no @fastify/multipart (and no busboy),
 * and adding dependencies is not allowed here. The body is already buffered
 * and capped by Fastify's bodyLimit, so a parser over a Buffer is enough;
 * it scans with Buffer.indexOf (linear, no regular expressions over the
 * body) and enforces its own limits on parts, header size and field size, so
 * hostile input yields a 400, never a crash or a hang. Messages follow Go's
 * mime/multipart and net/http, which go-livepeer answers with (400).
 */
export interface MultipartFile {
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export interface MultipartForm {
  readonly fields: ReadonlyMap<string, string>;
  readonly files: ReadonlyMap<string, MultipartFile>;
}

export interface MultipartLimits {
  readonly maxParts: number;
  readonly maxHeaderBytes: number;
  readonly maxFieldBytes: number;
}

export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = {
  maxParts: 64,
  maxHeaderBytes: 16 * 1024,
  maxFieldBytes: 1024 * 1024,
};

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

/** net/http Request.MultipartReader errors. */
export const NOT_MULTIPART = "request Content-Type isn't multipart/form-data";
export const MISSING_BOUNDARY = 'no multipart boundary param in Content-Type';
const EOF = 'multipart: NextPart: EOF';
const TOO_LARGE = 'multipart: message too large';

/** Splits `a=1; b="x; y"` into lower-case keys and unquoted values. */
export function headerParams(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  let rest = semi < 0 ? '' : value.slice(semi + 1);
  while (rest.length > 0) {
    const eq = rest.indexOf('=');
    if (eq < 0) break;
    const key = rest.slice(0, eq).trim().toLowerCase();
    rest = rest.slice(eq + 1).trimStart();
    let val: string;
    if (rest.startsWith('"')) {
      let end = 1;
      while (end < rest.length && rest[end] !== '"') end += rest[end] === '\\' ? 2 : 1;
      val = rest.slice(1, end).replace(/\\(.)/g, '$1');
      rest = rest.slice(end + 1);
    } else {
      const next = rest.indexOf(';');
      val = (next < 0 ? rest : rest.slice(0, next)).trim();
      rest = next < 0 ? '' : rest.slice(next);
    }
    const next = rest.indexOf(';');
    rest = next < 0 ? '' : rest.slice(next + 1);
    if (key !== '') params.set(key, val);
  }
  return { type, params };
}

/** The boundary of a multipart/form-data Content-Type, or a MultipartError. */
export function multipartBoundary(contentType: string | undefined): string {
  const { type, params } = headerParams(contentType ?? '');
  if (type !== 'multipart/form-data' && type !== 'multipart/mixed') {
    throw new MultipartError(NOT_MULTIPART);
  }
  const boundary = params.get('boundary') ?? '';
  if (boundary === '' || boundary.length > 200) throw new MultipartError(MISSING_BOUNDARY);
  return boundary;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

interface Part {
  readonly headers: Map<string, string>;
  readonly data: Buffer;
}

function* parts(body: Buffer, boundary: string, limits: MultipartLimits): Generator<Part> {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const next = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let pos = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(next);
  if (pos < 0) throw new MultipartError(EOF);
  pos += pos === 0 ? delimiter.length : next.length;
  for (let count = 0; ; count++) {
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return;
    if (count >= limits.maxParts) throw new MultipartError(TOO_LARGE);
    const lineEnd = body.indexOf('\r\n', pos, 'latin1');
    if (lineEnd < 0 || lineEnd - pos > 64) throw new MultipartError(EOF);
    const headStart = lineEnd + 2;
    const headEnd = body.indexOf('\r\n\r\n', headStart - 2, 'latin1');
    if (headEnd < 0) throw new MultipartError(EOF);
    if (headEnd - headStart > limits.maxHeaderBytes) throw new MultipartError(TOO_LARGE);
    const dataStart = headEnd + 4;
    const dataEnd = body.indexOf(next, dataStart - 2);
    if (dataEnd < 0) throw new MultipartError(EOF);
    const headers = parseHeaders(body.toString('utf8', headStart, Math.max(headStart, headEnd)));
    yield { headers, data: body.subarray(Math.min(dataStart, dataEnd), dataEnd) };
    pos = dataEnd + next.length;
  }
}

/** Parses a buffered multipart body: form fields and uploaded files by name (first one wins). */
export function parseMultipart(
  body: Buffer,
  boundary: string,
  limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS,
): MultipartForm {
  const fields = new Map<string, string>();
  const files = new Map<string, MultipartFile>();
  for (const part of parts(body, boundary, limits)) {
    const { params } = headerParams(part.headers.get('content-disposition') ?? '');
    const name = params.get('name');
    if (name === undefined || name === '') continue;
    const filename = params.get('filename');
    if (filename !== undefined) {
      if (!files.has(name)) {
        const contentType = part.headers.get('content-type') ?? 'application/octet-stream';
        files.set(name, { filename, contentType, data: part.data });
      }
      continue;
    }
    if (part.data.length > limits.maxFieldBytes) throw new MultipartError(TOO_LARGE);
    if (!fields.has(name)) fields.set(name, part.data.toString('utf8'));
  }
  return { fields, files };
}
