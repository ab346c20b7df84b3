import type { IngestLimitOptions } from './options.js';
import type { OK } from './scan.js';
import { TOO_MANY, type ScanResult } from './scan.js';

/** What a limit refused in one request: counts and the first reasons (for OTLP partial success). */
export class Refusals {
  count = 0;
  readonly reasons = new Set<string>();

  add(n: number, reason: string): void {
    this.count += n;
    if (this.reasons.size < 5) this.reasons.add(reason);
  }
}

/** The partial-success message of a refused attribute set. */
export function attributeReason(
  where: string,
  result: Exclude<ScanResult, typeof OK>,
  o: IngestLimitOptions,
): string {
  return result === TOO_MANY
    ? `${where} has more than ${o.maxAttributes} attributes`
    : `${where} has an attribute key or value longer than ${o.maxAttributeLength} characters`;
}

export function seriesReason(o: IngestLimitOptions): string {
  const window = Math.round(o.seriesWindowMs / 1000);
  return `series budget of this token exhausted (${o.maxSeriesPerToken} series active within ${window} s): points of new series refused`;
}
