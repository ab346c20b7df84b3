import { createHash } from 'node:crypto';
import { invalidParameter } from '../problem.js';

/**
 * Opaque cursors of paged lists: base64url JSON holding the sort key of the
 * last item sent and a hash of the query it belongs to, so a cursor cannot
 * be replayed against other filters or another sort.
 */
export type CursorKey = readonly (string | number | null)[];

interface CursorBody {
  readonly v: 1;
  readonly q: string;
  readonly k: CursorKey;
}

/** Hash of the query parameters that define a list (not cursor, limit or format). */
export function queryHash(query: Readonly<Record<string, unknown>>): string {
  const stable = Object.entries(query)
    .filter(([k, v]) => v !== undefined && !['cursor', 'limit', 'format'].includes(k))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 12);
}

export function encodeCursor(query: Readonly<Record<string, unknown>>, key: CursorKey): string {
  const body: CursorBody = { v: 1, q: queryHash(query), k: key };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const isKeyPart = (x: unknown): x is string | number | null =>
  x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/** The sort key a cursor holds; a problem naming `cursor` when it is not one of ours for this query. */
export function decodeCursor(
  query: Readonly<Record<string, unknown>>,
  cursor: string,
  length: number,
): CursorKey {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidParameter('cursor', 'is not a cursor of this API');
  }
  const b = body as Partial<CursorBody> | null;
  if (
    b === null ||
    typeof b !== 'object' ||
    b.v !== 1 ||
    !Array.isArray(b.k) ||
    b.k.length !== length ||
    !b.k.every(isKeyPart)
  )
    throw invalidParameter('cursor', 'is not a cursor of this API');
  if (b.q !== queryHash(query))
    throw invalidParameter('cursor', 'belongs to another query (filters or sort changed)');
  return b.k;
}
