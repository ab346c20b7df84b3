import type { Temporality } from './model.js';

/** `AggregationTemporality` in metrics.proto: UNSPECIFIED = 0, DELTA = 1, CUMULATIVE = 2. */
export const TEMPORALITY_NAMES: Readonly<Record<string, number>> = Object.freeze({
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
});

/** Unknown values (an open proto3 enum) read as 'unspecified'. */
export function temporalityOf(value: number): Temporality {
  if (value === 1) return 'delta';
  if (value === 2) return 'cumulative';
  return 'unspecified';
}

function severityNames(): Record<string, number> {
  const names: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
  const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
  levels.forEach((level, i) => {
    ['', '2', '3', '4'].forEach((suffix, j) => {
      names[`SEVERITY_NUMBER_${level}${suffix}`] = i * 4 + j + 1;
    });
  });
  return names;
}

/** `SeverityNumber` in logs.proto: UNSPECIFIED = 0, TRACE = 1 … FATAL4 = 24. */
export const SEVERITY_NAMES: Readonly<Record<string, number>> = Object.freeze(severityNames());
