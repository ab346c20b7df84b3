import { errorBody } from '../http-errors.js';

/**
 * Results of `Prefer: respond-async` image-to-video requests. go-livepeer
 * saves `request.json` when it accepts the request and `result.json` when
 * processing ends (the ImageResponse, or `{"error":{"message"}}`), and
 * `/image-to-video/result` reads them back. Bounded: the oldest go first.
 */
export type AsyncResult =
  | { readonly status: 'processing' }
  | { readonly status: 'complete'; readonly result: unknown; readonly orchestrator: string | null };

export const MAX_ASYNC_RESULTS = 1_000;

export class AsyncResults {
  private readonly items = new Map<string, AsyncResult>();

  constructor(private readonly max = MAX_ASYNC_RESULTS) {}

  accept(requestId: string): void {
    this.items.set(requestId, { status: 'processing' });
    for (const key of this.items.keys()) {
      if (this.items.size <= this.max) break;
      this.items.delete(key);
    }
  }

  succeed(requestId: string, result: unknown, orchestratorAddress: string): void {
    if (this.items.has(requestId)) {
      this.items.set(requestId, { status: 'complete', result, orchestrator: orchestratorAddress });
    }
  }

  fail(requestId: string, message: string): void {
    if (this.items.has(requestId)) {
      this.items.set(requestId, {
        status: 'complete',
        result: errorBody(message),
        orchestrator: null,
      });
    }
  }

  get(requestId: string): AsyncResult | null {
    return this.items.get(requestId) ?? null;
  }
}
