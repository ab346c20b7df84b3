/**
 * A job feed: jobs that arrived live (newest first) ahead of the ones the
 * page loaded, each job once. A live job may also be in the loaded page (it
 * arrived between the load and the stream's start) or arrive twice (the
 * stream delivers at least once); a keyed list must not see it twice.
 */
export function mergeFeed<T extends { readonly jobId: string }>(
  fresh: readonly T[],
  loaded: readonly T[],
  limit: number,
): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const j of [...fresh, ...loaded]) {
    if (seen.has(j.jobId)) continue;
    seen.add(j.jobId);
    out.push(j);
    if (out.length === limit) break;
  }
  return out;
}
