import type { Figure } from '@naap/otel/api';
import { isSource, type Source } from '@naap/otel';

/**
 * Figures name their source. Where several sources measured the same thing,
 * independently measured data comes first: test loads, then a gateway's
 * reports, then the orchestrator's own agent.
 */
export const SOURCE_PREFERENCE: readonly Source[] = ['testload', 'gateway', 'agent', 'chain'];

export const NO_FIGURE: Figure = { value: null, source: null };

export function figure(value: number | null | undefined, source: string): Figure {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_FIGURE;
  return { value, source: isSource(source) ? source : null };
}

/** The first candidate with a value, in SOURCE_PREFERENCE order (or only `only`). */
export function preferred<T extends { readonly source: string }>(
  candidates: readonly T[],
  value: (c: T) => number | null | undefined,
  only?: Source,
): Figure {
  const order = only === undefined ? SOURCE_PREFERENCE : [only];
  for (const s of order) {
    const c = candidates.find((x) => x.source === s);
    if (c === undefined) continue;
    const f = figure(value(c), s);
    if (f.value !== null) return f;
  }
  return NO_FIGURE;
}
