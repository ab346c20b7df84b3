import type { OrchestratorRow, OrchestratorSort } from '@naap/otel/api';
import type { CursorKey } from '../params/cursor.js';

/** The value an orchestrator row is sorted by (null sorts last). */
export function sortValue(row: OrchestratorRow, sort: OrchestratorSort): number | string | null {
  switch (sort) {
    case 'score':
      return row.score;
    case 'reliability':
      return row.reliability.value;
    case 'success_rate':
      return row.successRate.value;
    case 'latency_p50':
      return row.latencyP50Ms.value;
    case 'latency_p95':
      return row.latencyP95Ms.value;
    case 'fps':
      return row.fps.value;
    case 'availability':
      return row.availability.value;
    case 'gpus':
      return row.gpus.count;
    case 'jobs':
      return row.jobs;
    case 'address':
      return row.address;
  }
}

/** Lower latency is better; addresses read naturally in ascending order. */
export function defaultOrder(sort: OrchestratorSort): 'asc' | 'desc' {
  return sort === 'latency_p50' || sort === 'latency_p95' || sort === 'address' ? 'asc' : 'desc';
}

/**
 * Total order of (value, address) keys: by value in the given direction,
 * nulls last whatever the direction, then by address ascending.
 */
export function compareKeys(a: CursorKey, b: CursorKey, order: 'asc' | 'desc'): number {
  const [av, aAddr] = a;
  const [bv, bAddr] = b;
  if (av !== bv) {
    if (av === null || av === undefined) return 1;
    if (bv === null || bv === undefined) return -1;
    const c = av < bv ? -1 : 1;
    return order === 'asc' ? c : -c;
  }
  return String(aAddr) < String(bAddr) ? -1 : String(aAddr) > String(bAddr) ? 1 : 0;
}

/** One page of rows after the cursor key, and the key of its last row when more follow. */
export function pageOf<T>(
  rows: readonly T[],
  keyOf: (row: T) => CursorKey,
  order: 'asc' | 'desc',
  limit: number,
  after: CursorKey | null,
): { items: T[]; last: CursorKey | null } {
  const sorted = [...rows].sort((a, b) => compareKeys(keyOf(a), keyOf(b), order));
  const start =
    after === null ? sorted : sorted.filter((r) => compareKeys(keyOf(r), after, order) > 0);
  const items = start.slice(0, limit);
  const last = start.length > limit ? keyOf(items[items.length - 1] as T) : null;
  return { items, last };
}
