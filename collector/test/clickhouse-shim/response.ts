/**
 * Answers as the ClickHouse HTTP interface writes them: the `X-ClickHouse-*`
 * headers, the body compressed when the request enabled
 * `enable_http_compression` and accepts the codec, and exceptions as text
 * with `X-ClickHouse-Exception-Code`.
 */
import type { ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, deflate, gzip } from 'node:zlib';
import type { Summary } from './engine.js';
import { errorBody } from './errors.js';
import type { ShimError } from './errors.js';

export type ResponseEncoding = 'gzip' | 'deflate' | 'br';

const COMPRESS: Readonly<Record<ResponseEncoding, (body: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gzip),
  deflate: promisify(deflate),
  br: promisify(brotliCompress),
};

/** The server's keep-alive timeout, announced so the client can expire idle sockets first. */
export const KEEP_ALIVE_SECONDS = 10;

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
  readonly encoding: ResponseEncoding | undefined;
}

/** The codec to answer with: only when asked for, and one the client accepts. */
export function negotiateEncoding(
  enabled: boolean,
  acceptEncoding: string | undefined,
): ResponseEncoding | undefined {
  if (!enabled || acceptEncoding === undefined) return undefined;
  const accepted = acceptEncoding.split(',').map((e) => e.split(';')[0]?.trim().toLowerCase());
  return (['gzip', 'deflate', 'br'] as const).find((e) => accepted.includes(e));
}

export function contentType(format: string): string {
  if (/^(?:JSON|NDJSON)/i.test(format)) return 'application/json; charset=UTF-8';
  if (/^(?:TSV|TabSeparated)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  if (/^CSV/i.test(format)) {
    return `text/csv; charset=UTF-8; header=${/WithNames/i.test(format) ? 'present' : 'absent'}`;
  }
  if (/^(?:RowBinary|Native|Parquet|Arrow|ORC|Avro)/i.test(format)) {
    return 'application/octet-stream';
  }
  return 'text/plain; charset=UTF-8';
}

export interface ResultMeta {
  readonly queryId: string;
  readonly format: string;
  readonly timezone: string;
  readonly summary: Summary;
}

export function resultAnswer(
  meta: ResultMeta,
  body: Buffer,
  encoding: ResponseEncoding | undefined,
): Answer {
  return {
    status: 200,
    headers: {
      'Content-Type': contentType(meta.format),
      'X-ClickHouse-Query-Id': meta.queryId,
      'X-ClickHouse-Format': meta.format,
      'X-ClickHouse-Timezone': meta.timezone,
      'X-ClickHouse-Summary': JSON.stringify(meta.summary),
    },
    body,
    encoding,
  };
}

export function errorAnswer(
  err: ShimError,
  version: string,
  queryId: string | undefined,
  encoding: ResponseEncoding | undefined,
): Answer {
  return {
    status: err.httpStatus,
    headers: {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Exception-Code': String(err.code),
      ...(queryId === undefined ? {} : { 'X-ClickHouse-Query-Id': queryId }),
    },
    body: errorBody(err, version),
    encoding,
  };
}

/** Writes an answer, unless the connection is already gone (a stopped server). */
export async function send(res: ServerResponse, answer: Answer): Promise<void> {
  const raw = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const body = answer.encoding === undefined ? raw : await COMPRESS[answer.encoding](raw);
  if (res.destroyed || res.headersSent) return;
  res.writeHead(answer.status, {
    ...answer.headers,
    'X-ClickHouse-Server-Display-Name': 'chdb-shim',
    'Keep-Alive': `timeout=${KEEP_ALIVE_SECONDS}`,
    'Content-Length': String(body.length),
    ...(answer.encoding === undefined ? {} : { 'Content-Encoding': answer.encoding }),
  });
  res.end(body);
}
