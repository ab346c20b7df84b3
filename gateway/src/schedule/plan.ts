import { createHash } from 'node:crypto';
import type { TestCase } from '../cases.js';
import type { Capability, Target } from '../targets/types.js';

/** One orchestrator × (pipeline, model), with the gateway that reaches it and its cases. */
export interface Unit {
  readonly key: string;
  readonly target: Target;
  readonly capability: Capability;
  readonly cases: readonly TestCase[];
  readonly gateway: { readonly url: string; readonly cliUrl: string | null };
}

export interface PlannedJob {
  readonly unit: Unit;
  readonly testCase: TestCase;
  /** When to start, from the window's start (0 when not spread). */
  readonly offsetMs: number;
}

export function unitKey(target: Target, c: Capability): string {
  return `${target.address}|${c.pipeline}|${c.model}`;
}

/** A stable fraction in [0, 1) per key: where in each window a unit's jobs fall. */
export function phase(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * The jobs of one window: `perUnit` jobs per unit, cycling through its cases
 * from round to round, spread evenly over `windowMs` with a per-unit phase
 * (no thundering herd), or all due at once when `windowMs` is null. Sorted
 * by start.
 */
export function planWindow(
  units: readonly Unit[],
  perUnit: number,
  round: number,
  windowMs: number | null,
): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  for (const unit of units) {
    if (unit.cases.length === 0) continue;
    const p = phase(unit.key);
    for (let i = 0; i < perUnit; i++) {
      const testCase = unit.cases[(round * perUnit + i) % unit.cases.length];
      if (testCase === undefined) continue;
      jobs.push({
        unit,
        testCase,
        offsetMs: windowMs === null ? 0 : ((p + i) / perUnit) * windowMs,
      });
    }
  }
  return jobs.sort((a, b) => a.offsetMs - b.offsetMs);
}
