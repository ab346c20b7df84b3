import type { SimOrchestrator } from '../scenario/resolve.js';

/** go-livepeer NewAISessionSelector: "Suspension is 3 requests if there are errors from the orchestrator". */
export const SUSPENSION_PENALTY = 3;

/**
 * Orders the orchestrators of a request. go-livepeer orders sessions by
 * latency score and selection algorithm; the simulator is deterministic
 * instead: the pinned orchestrator first, then round-robin per
 * (pipeline, model). An orchestrator that failed a request is suspended for
 * the next SUSPENSION_PENALTY requests of that (pipeline, model) — it goes
 * last, and is still used when nothing else is left (go-livepeer releases
 * suspensions when its pools are empty).
 */
export class Selector {
  private readonly turns = new Map<string, number>();
  private readonly suspensions = new Map<string, number>();

  order(
    candidates: readonly SimOrchestrator[],
    pinned: SimOrchestrator | null,
    pipeline: string,
    model: string,
  ): SimOrchestrator[] {
    const key = `${pipeline}|${model}`;
    const turn = this.turns.get(key) ?? 0;
    this.turns.set(key, turn + 1);
    this.age(key);
    const rest = candidates.filter((o) => o !== pinned);
    const shift = rest.length === 0 ? 0 : turn % rest.length;
    const rotated = [...rest.slice(shift), ...rest.slice(0, shift)];
    const ordered = pinned !== null && candidates.includes(pinned) ? [pinned, ...rotated] : rotated;
    const ok = ordered.filter((o) => !this.isSuspended(o, key));
    return [...ok, ...ordered.filter((o) => this.isSuspended(o, key))];
  }

  suspend(o: SimOrchestrator, pipeline: string, model: string): void {
    this.suspensions.set(`${o.id}|${pipeline}|${model}`, SUSPENSION_PENALTY);
  }

  private isSuspended(o: SimOrchestrator, key: string): boolean {
    return (this.suspensions.get(`${o.id}|${key}`) ?? 0) > 0;
  }

  private age(key: string): void {
    for (const [k, left] of this.suspensions) {
      if (!k.endsWith(`|${key}`)) continue;
      if (left <= 1) this.suspensions.delete(k);
      else this.suspensions.set(k, left - 1);
    }
  }
}
