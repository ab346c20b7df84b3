import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toCsv, type CsvRow } from './csv.js';

/**
 * How long an answer may be cached: `live` figures change every few seconds;
 * `history` ending more than an hour ago changes only with late data;
 * `static` (regions, datasets) changes with a deployment.
 */
export type Freshness =
  | { readonly kind: 'live' }
  | { readonly kind: 'static' }
  | { readonly kind: 'history'; readonly toMs: number };

export const LIVE: Freshness = { kind: 'live' };
export const STATIC: Freshness = { kind: 'static' };
export const history = (toMs: number): Freshness => ({ kind: 'history', toMs });

const SETTLED_MS = 3_600_000;

export function cacheControl(f: Freshness, nowMs: number): string {
  if (f.kind === 'static') return 'public, max-age=300';
  if (f.kind === 'history' && f.toMs <= nowMs - SETTLED_MS) return 'public, max-age=300';
  return 'public, max-age=5';
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header matches the ETag (lists and weak tags included). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export interface Answer {
  readonly format?: 'json' | 'csv' | undefined;
  readonly json: unknown;
  /** Rows and columns of the CSV form (lists and series only). */
  readonly csv?: () => { rows: readonly CsvRow[]; columns?: readonly string[] };
  /** File name stem of a CSV download. */
  readonly name: string;
  readonly freshness: Freshness;
  readonly nowMs: number;
}

/**
 * Sends JSON or CSV with an ETag and Cache-Control; answers 304 when the
 * client already holds this exact body.
 */
export function answer(request: FastifyRequest, reply: FastifyReply, a: Answer): FastifyReply {
  const csv = a.format === 'csv' && a.csv !== undefined ? a.csv() : undefined;
  const body = csv !== undefined ? toCsv(csv.rows, csv.columns) : JSON.stringify(a.json);
  const etag = etagOf(body);
  void reply.header('etag', etag).header('cache-control', cacheControl(a.freshness, a.nowMs));
  void reply.header('vary', 'Accept-Encoding');
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (csv !== undefined) {
    void reply.header('content-disposition', `inline; filename="${a.name}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
}
