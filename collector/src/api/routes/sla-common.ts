import type { SlaAnalytics } from '../../analytics/api.js';
import type { ApiContext } from '../context.js';
import { ApiError, QueryTimeoutError } from '../problem.js';

/**
 * Shared by the SLA routes: the analytics (503 when the collector runs
 * without them) and the API's query timeout around an analytics call, which
 * may run several queries.
 */
export function slaOf(ctx: ApiContext): SlaAnalytics {
  if (ctx.sla === undefined) throw new ApiError('unavailable', 'SLA analytics are not available');
  return ctx.sla;
}

export async function withinTimeout<T>(ctx: ApiContext, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new QueryTimeoutError());
    }, ctx.options.queryTimeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
