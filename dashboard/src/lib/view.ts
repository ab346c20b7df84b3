import type { WindowName } from '@naap/otel/api';
import { parseFilters, parseRange, rangeBounds, type Filters, type Range } from './url-state.js';

/** The state of a view read from its URL, and what was ignored in it. */
export interface View {
  readonly range: Range;
  readonly filters: Filters;
  readonly fromMs: number;
  readonly toMs: number;
  readonly problems: readonly string[];
}

export function readView(url: URL, nowMs: number, opts: { custom?: boolean } = {}): View {
  const r = parseRange(url.searchParams, nowMs);
  const f = parseFilters(url.searchParams);
  const problems = [...r.problems, ...f.problems];
  let range = r.value;
  if (range.kind === 'custom' && opts.custom === false) {
    problems.push('from/to: this view shows named windows only (24 h shown)');
    range = { kind: 'named', name: '24h' };
  }
  return { range, filters: f.value, ...rangeBounds(range, nowMs), problems };
}

/** The named window of a range, for API resources that take only `window`. */
export function windowOf(range: Range): WindowName {
  return range.kind === 'named' ? range.name : '24h';
}

/** `&window=7d`-style suffix for links that keep the view's range ('' for the default). */
export function rangeSuffix(range: Range): string {
  if (range.kind === 'named') return range.name === '24h' ? '' : `&window=${range.name}`;
  return `&from=${new Date(range.fromMs).toISOString()}&to=${new Date(range.toMs).toISOString()}`;
}
