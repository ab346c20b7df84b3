/**
 * Units of the telemetry contract, in UCUM as OpenTelemetry uses them.
 *
 * Instruments carry the unit their producers measure in (OpenTelemetry
 * conventions: seconds for durations). Storage rollups and the public API use
 * one canonical unit per quantity (metrics.md: ratios 0–1, milliseconds,
 * bytes, °C, W); `API_UNIT_OF` says how to convert.
 */
export const UNITS = {
  '1': 'dimensionless ratio, 0–1 (never percent)',
  By: 'bytes',
  s: 'seconds',
  ms: 'milliseconds',
  min: 'minutes',
  Cel: 'degrees Celsius',
  W: 'watts',
  MHz: 'megahertz',
  'Mbit/s': 'megabits per second',
  '{frame}/s': 'frames per second',
  '{token}/s': 'tokens per second',
  '{frame}2/s2': 'sum of squared frames-per-second samples',
  '{job}': 'count of jobs (batch requests or live streams)',
  '{stream}': 'count of live streams',
  '{container}': 'count of runner containers',
  '{gpu}': 'count of GPUs',
  '{probe}': 'count of availability probes',
  '{swap}': 'count of jobs served by another orchestrator than the pinned one',
  '{error}': 'count of errors',
  '{point}': 'count of data points',
  '{bitmask}': 'bit field',
  '{gwei}': 'gwei (1e-9 ETH)',
  '{ETH}': 'ether',
  '{LPT}': 'Livepeer tokens',
  '{score}': 'score on a 0–100 scale',
} as const;

export type Unit = keyof typeof UNITS;

/** Canonical unit and multiplier used by storage rollups and the public API. */
export interface ApiUnit {
  readonly unit: Unit;
  readonly scale: number;
}

const CONVERSIONS: Partial<Record<Unit, ApiUnit>> = {
  s: { unit: 'ms', scale: 1000 },
  '{gwei}': { unit: '{ETH}', scale: 1e-9 },
};

/** The unit a value of `unit` is served in, and the factor to get there. */
export function apiUnitOf(unit: Unit): ApiUnit {
  return CONVERSIONS[unit] ?? { unit, scale: 1 };
}

/** Converts a value measured in `unit` to its canonical API unit. */
export function toApiValue(unit: Unit, value: number): number {
  return value * apiUnitOf(unit).scale;
}

export function isUnit(value: string): value is Unit {
  return Object.hasOwn(UNITS, value);
}
