import { DERIVED, DERIVED_METRICS, type DerivedName, type Target } from '@naap/otel';

/**
 * Status of a figure: good / degraded / failing, from fixed thresholds (the
 * metric targets of metrics.md where one exists). Colour encodes only this,
 * and every status also has an icon and a word.
 */
export type Status = 'good' | 'degraded' | 'failing' | 'unknown';

export const STATUS_TEXT: Readonly<
  Record<Status, { readonly icon: string; readonly word: string }>
> = {
  good: { icon: '✓', word: 'meets target' },
  degraded: { icon: '!', word: 'degraded' },
  failing: { icon: '✕', word: 'failing' },
  unknown: { icon: '·', word: 'no data' },
};

const targets = new Map<string, Target>(
  DERIVED_METRICS.flatMap((d) => (d.target === undefined ? [] : [[d.name, d.target] as const])),
);

/** Within this factor of a target ("< 1 %" → up to 2 %) a figure is degraded, beyond it failing. */
const SLACK = 2;

export function statusAgainst(value: number, target: Target): Status {
  const { op, value: t } = target;
  switch (op) {
    case '<':
      return value < t ? 'good' : value < t * SLACK ? 'degraded' : 'failing';
    case '<=':
      return value <= t ? 'good' : value <= t * SLACK ? 'degraded' : 'failing';
    case '>':
      return value > t ? 'good' : value > t / SLACK ? 'degraded' : 'failing';
    case '>=':
      return value >= t ? 'good' : value >= t / SLACK ? 'degraded' : 'failing';
  }
}

/** Bands for figures without a catalog target (lower bound of good, of degraded). */
const BANDS: Partial<Record<DerivedName | 'successRate', readonly [number, number]>> = {
  [DERIVED.slaScore]: [80, 50],
  [DERIVED.timeAvailability]: [0.99, 0.95],
  [DERIVED.probeAvailability]: [0.99, 0.95],
  successRate: [0.99, 0.98],
  [DERIVED.startupSuccessRate]: [0.99, 0.95],
  [DERIVED.slaCoverage]: [0.99, 0.9],
};

/** The status of a derived figure, or `unknown` when it has no value or no threshold. */
export function statusOf(
  name: DerivedName | 'successRate',
  value: number | null | undefined,
): Status {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unknown';
  const target = targets.get(name);
  if (target !== undefined) return statusAgainst(value, target);
  const band = BANDS[name];
  if (band === undefined) return 'unknown';
  return value >= band[0] ? 'good' : value >= band[1] ? 'degraded' : 'failing';
}

/** The target as text for legends ("target < 1 %"), or null. */
export function targetOf(name: DerivedName): Target | null {
  return targets.get(name) ?? null;
}
