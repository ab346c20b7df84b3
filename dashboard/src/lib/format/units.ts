/**
 * The one formatting module of the dashboard (dashboard.md "Visual
 * language"): ratios as %, milliseconds under 10 s and seconds above, bytes in
 * binary units, W, °C, MHz, Mbit/s, frames per second, scores on 0–100.
 * Values arrive in the API's canonical units (metrics.md: ratios 0–1, ms, By).
 * A missing value is an en dash, never 0.
 */

export const MISSING = '–';

/** A formatted figure: the number and its unit apart, so the unit can be set smaller. */
export interface Formatted {
  readonly value: string;
  readonly unit: string;
}

const THIN = '\u202f';

function fixed(x: number, digits: number): string {
  return x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Three significant figures at most, grouping thousands. */
export function significant(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 100) return fixed(x, 0);
  if (abs >= 10) return fixed(x, 1);
  if (abs >= 1 || abs === 0) return fixed(x, 2);
  return x.toLocaleString('en-US', { maximumSignificantDigits: 2 });
}

export function ratioParts(x: number): Formatted {
  const pct = x * 100;
  const abs = Math.abs(pct);
  const digits = abs !== 0 && abs < 0.1 ? 2 : 1;
  // Near 100 % the decimals matter (99.99 % is not 100 %): round down there.
  if (pct < 100 && pct >= 99.9) return { value: fixed(Math.floor(pct * 100) / 100, 2), unit: '%' };
  return { value: fixed(pct, digits), unit: '%' };
}

export function durationParts(ms: number): Formatted {
  const abs = Math.abs(ms);
  if (abs < 10_000) {
    return { value: abs < 10 ? fixed(ms, 1) : fixed(ms, 0), unit: 'ms' };
  }
  if (abs < 600_000) return { value: fixed(ms / 1000, 1), unit: 's' };
  if (abs < 7_200_000) return { value: fixed(ms / 60_000, 1), unit: 'min' };
  return { value: fixed(ms / 3_600_000, 1), unit: 'h' };
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export function bytesParts(bytes: number): Formatted {
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < BINARY.length - 1) {
    v /= 1024;
    i++;
  }
  return { value: i === 0 ? fixed(v, 0) : significant(v), unit: BINARY[i] ?? 'B' };
}

export function countParts(n: number): Formatted {
  const abs = Math.abs(n);
  if (abs < 10_000) return { value: Number.isInteger(n) ? fixed(n, 0) : significant(n), unit: '' };
  if (abs < 1e6) return { value: significant(n / 1e3), unit: 'k' };
  if (abs < 1e9) return { value: significant(n / 1e6), unit: 'M' };
  return { value: significant(n / 1e9), unit: 'G' };
}

const SIMPLE: Readonly<Record<string, { unit: string; digits?: number }>> = {
  Cel: { unit: '°C', digits: 0 },
  W: { unit: 'W', digits: 0 },
  MHz: { unit: 'MHz', digits: 0 },
  'Mbit/s': { unit: 'Mbit/s' },
  '{frame}/s': { unit: 'fps', digits: 1 },
  '{token}/s': { unit: 'tok/s', digits: 1 },
  '{ETH}': { unit: 'ETH' },
  '{LPT}': { unit: 'LPT' },
  '{score}': { unit: '', digits: 0 },
};

const COUNT_UNITS: Readonly<Record<string, string>> = {
  '{job}': 'jobs',
  '{stream}': 'streams',
  '{gpu}': 'GPUs',
  '{probe}': 'probes',
  '{swap}': 'swaps',
  '{error}': 'errors',
  '{container}': 'containers',
  '{point}': 'points',
  '{orchestrator}': '',
  '{job}/min': 'jobs/min',
  '{job}/h': 'jobs/h',
  '1/min': '/min',
};

/** A UCUM annotation not listed above: `{thing}` → a plain count, `{thing}/min` → "/min". */
function countNoun(unit: string): string {
  const listed = COUNT_UNITS[unit];
  if (listed !== undefined) return listed;
  return unit.replace(/\{[^}]*\}/g, '').trim();
}

/**
 * Splits a value into its display number and display unit. `unit` is a UCUM
 * unit of the catalog (`Unit` of @naap/otel) or one the API states beside a
 * figure (`{job}/min`); unknown annotations format as plain counts.
 */
export function formatParts(value: number | null | undefined, unit: string): Formatted {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return { value: MISSING, unit: '' };
  }
  switch (unit) {
    case '1':
      return ratioParts(value);
    case 'ms':
      return durationParts(value);
    case 's':
      return durationParts(value * 1000);
    case 'min':
      return durationParts(value * 60_000);
    case 'By':
      return bytesParts(value);
    default:
      break;
  }
  const simple = Object.hasOwn(SIMPLE, unit) ? SIMPLE[unit] : undefined;
  if (simple !== undefined) {
    const v = simple.digits === undefined ? significant(value) : fixed(value, simple.digits);
    return { value: v, unit: simple.unit };
  }
  const counted = countParts(value);
  const noun = countNoun(unit);
  return { value: counted.value, unit: [counted.unit, noun].filter(Boolean).join(' ') };
}

/** One string: number, thin space, unit ("98.7 %", "1.2 s", "24.0 GiB"). */
export function formatValue(value: number | null | undefined, unit: string): string {
  const p = formatParts(value, unit);
  return p.unit === '' ? p.value : `${p.value}${THIN}${p.unit}`;
}
