import type { LiveEventName } from '@naap/otel/api';

/**
 * Fan-out of live aggregates to SSE clients. Every `intervalMs` (only while
 * someone listens) the hub asks its source for a frame: network KPIs, the
 * figures of each active orchestrator and new test-load jobs. A client gets
 * the summary, the orchestrator figures that changed since it last heard
 * them (all of them on its first frame), and new jobs, each filtered by its
 * orchestrator/pipeline. Heartbeat events keep idle connections open.
 */
export interface LiveFilter {
  readonly orchestrator?: string | undefined;
  readonly pipeline?: string | undefined;
}

export interface LiveFrame {
  readonly summary: unknown;
  /** Per orchestrator (address → event) for this client's pipeline filter. */
  readonly orchestrators: ReadonlyMap<string, unknown>;
  /** New test-load jobs, with what to filter them on. */
  readonly testloads: readonly { orchestrator: string; pipeline: string; event: unknown }[];
}

export interface LiveSource {
  /** One frame for each pipeline filter asked for (undefined: all pipelines). */
  frame(pipelines: readonly (string | undefined)[]): Promise<Map<string | undefined, LiveFrame>>;
}

export interface LiveClient {
  readonly ip: string;
  readonly filter: LiveFilter;
  send(event: LiveEventName, data: unknown): void;
  end(): void;
}

export interface LiveHubOptions {
  readonly intervalMs: number;
  readonly heartbeatMs: number;
  readonly maxClients: number;
  readonly maxPerIp: number;
  /** Addresses without the per-IP cap (a dashboard server relaying streams). */
  readonly exemptIps?: readonly string[];
  readonly now: () => number;
  readonly onError?: (err: unknown) => void;
}

interface Subscriber {
  readonly client: LiveClient;
  /** Last JSON sent per orchestrator. */
  readonly sent: Map<string, string>;
}

export type SubscribeResult =
  { ok: true; unsubscribe: () => void } | { ok: false; reason: 'full' | 'ip' | 'closed' };

export class LiveHub {
  readonly #subs = new Set<Subscriber>();
  #timer: NodeJS.Timeout | undefined;
  #beat: NodeJS.Timeout | undefined;
  #running = false;
  #closed = false;

  constructor(
    private readonly source: LiveSource,
    private readonly options: LiveHubOptions,
  ) {}

  get size(): number {
    return this.#subs.size;
  }

  /** Why a client from `ip` would be refused now; null: it would be admitted. */
  refusal(ip: string): 'full' | 'ip' | 'closed' | null {
    if (this.#closed) return 'closed';
    if (this.#subs.size >= this.options.maxClients) return 'full';
    if (this.options.exemptIps?.includes(ip)) return null;
    const fromIp = [...this.#subs].filter((s) => s.client.ip === ip).length;
    return fromIp >= this.options.maxPerIp ? 'ip' : null;
  }

  subscribe(client: LiveClient): SubscribeResult {
    const refused = this.refusal(client.ip);
    if (refused !== null) return { ok: false, reason: refused };
    const sub: Subscriber = { client, sent: new Map() };
    this.#subs.add(sub);
    this.#start();
    return {
      ok: true,
      unsubscribe: () => {
        this.#subs.delete(sub);
        if (this.#subs.size === 0) this.#stop();
      },
    };
  }

  /** Runs one frame now (also what the timer does). */
  async tick(): Promise<void> {
    if (this.#running || this.#subs.size === 0) return;
    this.#running = true;
    try {
      const subs = [...this.#subs];
      const pipelines = [...new Set(subs.map((s) => s.client.filter.pipeline))];
      const frames = await this.source.frame(pipelines);
      for (const s of subs) {
        if (!this.#subs.has(s)) continue;
        const frame = frames.get(s.client.filter.pipeline);
        if (frame !== undefined) deliver(s, frame);
      }
    } catch (err) {
      this.options.onError?.(err);
    } finally {
      this.#running = false;
    }
  }

  heartbeat(): void {
    for (const s of this.#subs) s.client.send('heartbeat', { timeMs: this.options.now() });
  }

  /** Ends every stream (on shutdown); later subscriptions are refused. */
  close(): void {
    this.#closed = true;
    this.#stop();
    for (const s of this.#subs) s.client.end();
    this.#subs.clear();
  }

  #start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      void this.tick();
    }, this.options.intervalMs);
    this.#beat = setInterval(() => {
      this.heartbeat();
    }, this.options.heartbeatMs);
    this.#timer.unref();
    this.#beat.unref();
    setImmediate(() => void this.tick());
  }

  #stop(): void {
    clearInterval(this.#timer);
    clearInterval(this.#beat);
    this.#timer = undefined;
    this.#beat = undefined;
  }
}

function deliver(s: Subscriber, frame: LiveFrame): void {
  const { client, sent } = s;
  const { orchestrator, pipeline } = client.filter;
  client.send('summary', frame.summary);
  for (const [address, event] of frame.orchestrators) {
    if (orchestrator !== undefined && address !== orchestrator) continue;
    const json = JSON.stringify(event);
    if (sent.get(address) === json) continue;
    sent.set(address, json);
    client.send('orchestrator', event);
  }
  for (const t of frame.testloads) {
    if (orchestrator !== undefined && t.orchestrator !== orchestrator) continue;
    if (pipeline !== undefined && t.pipeline !== pipeline) continue;
    client.send('testload', t.event);
  }
}
