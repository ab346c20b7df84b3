/**
 * Best and worst movers: orchestrators whose score over the last hour differs
 * most from their score over the day (both from the API, each recomputed from
 * additive inputs). Only orchestrators scored in both windows count.
 */
export interface Scored {
  readonly address: string;
  readonly uri: string | null;
  readonly score: number | null;
}

export interface Mover {
  readonly address: string;
  readonly uri: string | null;
  readonly now: number;
  readonly before: number;
  readonly change: number;
}

export function movers(
  now: readonly Scored[],
  before: readonly Scored[],
  n: number,
): { readonly up: readonly Mover[]; readonly down: readonly Mover[] } {
  const prior = new Map<string, number>();
  for (const r of before) if (r.score !== null) prior.set(r.address, r.score);
  const all: Mover[] = [];
  for (const r of now) {
    const b = prior.get(r.address);
    if (r.score === null || b === undefined) continue;
    all.push({ address: r.address, uri: r.uri, now: r.score, before: b, change: r.score - b });
  }
  const up = all
    .filter((m) => m.change > 0)
    .sort((a, b) => b.change - a.change || a.address.localeCompare(b.address))
    .slice(0, n);
  const down = all
    .filter((m) => m.change < 0)
    .sort((a, b) => a.change - b.change || a.address.localeCompare(b.address))
    .slice(0, n);
  return { up, down };
}
