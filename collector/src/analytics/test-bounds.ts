/**
 * The agent's job-duration bucket bounds (exponential, 50 ms to 10 min, 10 %
 * apart), rebuilt here: the collector never imports the agent.
 */
function exponential(first: number, last: number, ratio: number): number[] {
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const b = Number((first * ratio ** i).toPrecision(4));
    out.push(Math.min(b, last));
    if (b >= last) return out;
  }
}

export const JOB_DURATION_BOUNDARIES: readonly number[] = exponential(0.05, 600, 1.1);
