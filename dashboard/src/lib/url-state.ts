import { isPipelineId, isRegionCode, type PipelineId, type RegionCode } from '@naap/otel';
import { MAX_RANGE_MS, WINDOWS, type WindowName } from '@naap/otel/api';

/**
 * Everything a view shows is in its URL (dashboard.md "Behaviour"): the time
 * range, filters, sort. Bad values are dropped and reported, never fatal, so
 * a mistyped shared link still opens.
 */

export type Range =
  | { readonly kind: 'named'; readonly name: WindowName }
  | { readonly kind: 'custom'; readonly fromMs: number; readonly toMs: number };

export const DEFAULT_WINDOW: WindowName = '24h';

export const RANGE_CHOICES: readonly WindowName[] = ['1h', '6h', '24h', '7d', '30d'];

export interface Parsed<T> {
  readonly value: T;
  /** Parameters that were ignored, with why, for a notice on the page. */
  readonly problems: readonly string[];
}

function isWindowName(value: string): value is WindowName {
  return Object.hasOwn(WINDOWS, value);
}

/** ISO 8601 date-time (a `datetime-local` value is read as UTC) or Unix milliseconds. */
export function parseTime(value: string): number | null {
  const text = value.trim();
  if (text.length === 0 || text.length > 40) return null;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) {
    return null;
  }
  const zoned = /T.*(Z|[+-]\d{2}:\d{2})$/.test(text) || !text.includes('T') ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : null;
}

export function parseRange(params: URLSearchParams, nowMs: number): Parsed<Range> {
  const problems: string[] = [];
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null) {
    const fromMs = parseTime(from);
    const toMs = to === null || to === '' ? nowMs : parseTime(to);
    if (fromMs === null) problems.push('from: not a date-time');
    else if (toMs === null) problems.push('to: not a date-time');
    else if (fromMs >= toMs) problems.push('from: must be before to');
    else if (toMs - fromMs > MAX_RANGE_MS) problems.push('from: range longer than 90 days');
    else return { value: { kind: 'custom', fromMs, toMs }, problems };
  }
  const name = params.get('window');
  if (name !== null && !isWindowName(name)) problems.push(`window: unknown window "${name}"`);
  const value: Range = {
    kind: 'named',
    name: name !== null && isWindowName(name) ? name : DEFAULT_WINDOW,
  };
  return { value, problems };
}

/** [from, to) of a range at `nowMs`. */
export function rangeBounds(range: Range, nowMs: number): { fromMs: number; toMs: number } {
  if (range.kind === 'custom') return { fromMs: range.fromMs, toMs: range.toMs };
  return { fromMs: nowMs - WINDOWS[range.name], toMs: nowMs };
}

/** The query parameters the API takes for a range. */
export function rangeQuery(range: Range): Record<string, string> {
  if (range.kind === 'named') return { window: range.name };
  return { from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString() };
}

export function rangeLabel(range: Range): string {
  if (range.kind === 'named') return `last ${range.name.replace('h', ' h').replace('d', ' d')}`;
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return `${iso(range.fromMs)} – ${iso(range.toMs)} UTC`;
}

export interface Filters {
  readonly pipeline?: PipelineId;
  readonly model?: string;
  readonly region?: RegionCode;
  readonly gpu?: string;
  readonly q?: string;
}

const TEXT_LIMITS = { model: 256, gpu: 128, q: 128 } as const;

/** Filters from the URL; unknown pipelines and regions, and over-long text, are dropped. */
export function parseFilters(params: URLSearchParams): Parsed<Filters> {
  const problems: string[] = [];
  const out: { -readonly [K in keyof Filters]: Filters[K] } = {};
  const pipeline = params.get('pipeline');
  if (pipeline !== null && pipeline !== '') {
    if (isPipelineId(pipeline)) out.pipeline = pipeline;
    else problems.push(`pipeline: unknown pipeline "${pipeline.slice(0, 40)}"`);
  }
  const region = params.get('region');
  if (region !== null && region !== '') {
    const code = region.toUpperCase();
    if (isRegionCode(code)) out.region = code;
    else problems.push(`region: unknown region "${region.slice(0, 20)}"`);
  }
  for (const key of ['model', 'gpu', 'q'] as const) {
    const value = params.get(key)?.trim();
    if (value === undefined || value === '') continue;
    if (value.length > TEXT_LIMITS[key]) problems.push(`${key}: longer than ${TEXT_LIMITS[key]}`);
    else out[key] = value;
  }
  return { value: out, problems };
}

/** Sort key and direction, restricted to the columns a view allows. */
export function parseSort<K extends string>(
  params: URLSearchParams,
  allowed: readonly K[],
  fallback: { key: K; dir: 'asc' | 'desc' },
): Parsed<{ key: K; dir: 'asc' | 'desc' }> {
  const raw = params.get('sort');
  const dirRaw = params.get('dir');
  const problems: string[] = [];
  const key = allowed.find((k) => k === raw);
  if (raw !== null && key === undefined)
    problems.push(`sort: unknown column "${raw.slice(0, 40)}"`);
  const dir = dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : undefined;
  if (dirRaw !== null && dir === undefined) problems.push('dir: must be asc or desc');
  return { value: { key: key ?? fallback.key, dir: dir ?? fallback.dir }, problems };
}

/**
 * The query string of `url` with `changes` applied (null or '' removes a
 * key), as "?a=1&b=2" or "" — for links that keep the rest of the view.
 */
export function searchWith(
  url: URL,
  changes: Readonly<Record<string, string | null | undefined>>,
): string {
  const params = new URLSearchParams(url.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  params.sort();
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Changes that select a named window (dropping a custom range). */
export function windowChange(name: WindowName): Record<string, string | null> {
  return { window: name === DEFAULT_WINDOW ? null : name, from: null, to: null };
}

/** A link to this view with `changes` applied ("?" when nothing is left, which clears the query). */
export function linkWith(
  url: URL,
  changes: Readonly<Record<string, string | null | undefined>>,
): string {
  return searchWith(url, changes) || '?';
}
