/**
 * Scoring runs on one store take turns within a process: the periodic scorer,
 * a recompute and a run asked for directly queue behind each other. Scores
 * replace each other by the time they were written, so two interleaved runs
 * could leave the older one's rows (computed from less data) in place of the
 * newer ones. Runs in other processes (a recompute beside a collector on a
 * ClickHouse server) are not covered; re-scoring is idempotent, so the next
 * run repairs what they overlapped.
 */
const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `work` once every run queued before it on `store` (a Store) has settled. */
export function exclusive<T>(store: object, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(store) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}
