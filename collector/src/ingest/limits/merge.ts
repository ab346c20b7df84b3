import type { MappedBatch } from '../rows.js';
import type { Limited } from './limiter.js';

/** A mapped request with the limits' refusals added (partial success counts them all). */
export function mergeRefusals(mapped: MappedBatch, limited: Limited<unknown>): MappedBatch {
  if (limited.refused === 0) return mapped;
  return {
    tables: mapped.tables,
    accepted: mapped.accepted,
    rejected: mapped.rejected + limited.refused,
    reasons: [...new Set([...limited.reasons, ...mapped.reasons])].slice(0, 5),
  };
}
