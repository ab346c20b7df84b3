import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';

/**
 * The webhook go-livepeer's `-orchWebhookUrl` discovery calls:
 * GET /orchestrators → `[{"address":"https://orch:8935"}]`. It answers only
 * the orchestrators the runner currently pins (one target at a time), and
 * remembers when the gateway last asked.
 */
export class PinWebhookState {
  private uris: readonly string[] = [];
  private fetchesAtSet = 0;
  /** Number of times the gateway asked. */
  fetches = 0;
  /** When the gateway last asked (the runner's clock); null: never. */
  lastFetchMs: number | null = null;

  constructor(private readonly clock: Clock) {}

  /** Answers these service URIs from now on. */
  set(uris: readonly string[]): void {
    this.uris = [...uris];
    this.fetchesAtSet = this.fetches;
  }

  current(): readonly string[] {
    return this.uris;
  }

  /** Whether the gateway fetched the answer since it was last changed. */
  fetchedSinceSet(): boolean {
    return this.fetches > this.fetchesAtSet;
  }

  answer(): { address: string }[] {
    this.fetches++;
    this.lastFetchMs = this.clock.now();
    return this.uris.map((address) => ({ address }));
  }
}

/** The webhook app (test with `inject`). */
export function buildWebhookApp(state: PinWebhookState): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 });
  app.get('/orchestrators', (_request, reply) =>
    reply.type('application/json').send(state.answer()),
  );
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { message: 'not found' } }),
  );
  return app;
}

export interface PinWebhook {
  /** The URL to give the gateway as -orchWebhookUrl. */
  readonly url: string;
  readonly state: PinWebhookState;
  close(): Promise<void>;
}

export async function startPinWebhook(
  clock: Clock,
  host: string,
  port: number,
): Promise<PinWebhook> {
  const state = new PinWebhookState(clock);
  const app = buildWebhookApp(state);
  const address = await app.listen({ host, port });
  return { url: `${address}/orchestrators`, state, close: () => app.close() };
}
