import type { Store } from '../../storage/store.js';
import { hourRange, hoursOf } from '../read/filters.js';
import { exclusive } from './exclusive.js';
import { scoreHour, type HourReport } from './scorer.js';

/**
 * `naap-collector recompute --from --to`: every hour of the range scored
 * again from the stored inputs, cohorts recomputed. Idempotent: the inputs
 * do not change, so a second run writes the same scores, which replace the
 * first ones.
 */
export interface RecomputeReport {
  readonly hours: number;
  readonly scored: number;
  readonly refused: number;
}

export function recompute(
  store: Store,
  range: { from: Date; to: Date },
  options: { now?: number; onHour?: (r: HourReport) => void } = {},
): Promise<RecomputeReport> {
  return exclusive(store, () => rescore(store, range, options));
}

async function rescore(
  store: Store,
  range: { from: Date; to: Date },
  options: { now?: number; onHour?: (r: HourReport) => void },
): Promise<RecomputeReport> {
  const hours = hoursOf(hourRange(range.from, range.to));
  let scored = 0;
  let refused = 0;
  for (const h of hours) {
    const r = await scoreHour(store, h, {
      refreshCohorts: true,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    scored += r.scored;
    refused += r.refused;
    options.onHour?.(r);
  }
  return { hours: hours.length, scored, refused };
}
