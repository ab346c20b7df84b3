import type { QueryParams } from '../../storage/rollups/query.js';

/** Dimensions of the SLA input tables a query can filter or group on. */
export const INPUT_DIMENSIONS = {
  orchestrator: 'OrchestratorAddress',
  pipeline: 'Pipeline',
  model: 'ModelId',
  gpu: 'GpuId',
  region: 'Region',
  source: 'Source',
} as const;

export type InputDimension = keyof typeof INPUT_DIMENSIONS;

/** One value, or any of several values, per dimension. */
export type InputFilter = { readonly [K in InputDimension]?: string | readonly string[] };

export const DIMENSION_NAMES = Object.keys(INPUT_DIMENSIONS) as InputDimension[];

/** `Column = {p}` / `Column IN {p}` for each filter given (only the dimensions `allowed`). */
export function filterSql(
  filter: InputFilter | undefined,
  p: QueryParams,
  allowed: readonly InputDimension[] = DIMENSION_NAMES,
): string[] {
  const out: string[] = [];
  for (const key of allowed) {
    const v = filter?.[key];
    if (v === undefined) continue;
    const col = INPUT_DIMENSIONS[key];
    if (typeof v === 'string') out.push(`${col} = ${p.add('String', v)}`);
    else out.push(`${col} IN ${p.add('Array(String)', [...v])}`);
  }
  return out;
}

/** A time range [from, to) in whole hours. */
export interface HourRange {
  readonly from: Date;
  readonly to: Date;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const floorTo = (ms: number, step: number): number => Math.floor(ms / step) * step;
export const ceilTo = (ms: number, step: number): number => Math.ceil(ms / step) * step;

/** The range widened to whole hours; throws on an empty or invalid range. */
export function hourRange(from: Date, to: Date): HourRange {
  const f = from.getTime();
  const t = to.getTime();
  if (!Number.isFinite(f) || !Number.isFinite(t)) throw new RangeError('invalid from/to');
  if (f >= t) throw new RangeError('from must be before to');
  return { from: new Date(floorTo(f, HOUR_MS)), to: new Date(ceilTo(t, HOUR_MS)) };
}

/** Every hour start in [from, to). */
export function hoursOf(range: HourRange): Date[] {
  const out: Date[] = [];
  for (let h = range.from.getTime(); h < range.to.getTime(); h += HOUR_MS) out.push(new Date(h));
  return out;
}
