/**
 * One upstream live stream per distinct filter, shared by every visitor who
 * asks for it: the collector limits live streams per address, and the
 * dashboard is one address for all its visitors. Whole events are relayed
 * (a visitor who joins mid-event gets the next one complete). When the
 * upstream ends, every visitor's stream ends and their browsers reconnect.
 */
export interface RelayOptions {
  /** Opens the upstream stream for a canonical query ("?orchestrator=…" or ""). */
  readonly open: (query: string, signal: AbortSignal) => Promise<Response>;
  readonly maxVisitors: number;
}

interface Upstream {
  readonly visitors: Set<ReadableStreamDefaultController<Uint8Array>>;
  readonly abort: AbortController;
}

const encoder = new TextEncoder();

export class LiveRelay {
  readonly #upstreams = new Map<string, Upstream>();
  #visitors = 0;

  constructor(private readonly options: RelayOptions) {}

  get visitors(): number {
    return this.#visitors;
  }

  get upstreams(): number {
    return this.#upstreams.size;
  }

  /** A visitor's stream, or null when the relay is full. */
  subscribe(query: string, signal: AbortSignal): ReadableStream<Uint8Array> | null {
    if (this.#visitors >= this.options.maxVisitors) return null;
    let self: ReadableStreamDefaultController<Uint8Array> | undefined;
    const leave = (): void => {
      if (self === undefined) return;
      const up = this.#upstreams.get(query);
      if (up?.visitors.delete(self) === true) {
        this.#visitors--;
        if (up.visitors.size === 0) {
          this.#upstreams.delete(query);
          up.abort.abort();
        }
      }
      self = undefined;
    };
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        this.#visitors++;
        controller.enqueue(encoder.encode('retry: 3000\n\n'));
        const up = this.#upstreams.get(query) ?? this.#start(query);
        up.visitors.add(controller);
        signal.addEventListener('abort', leave, { once: true });
      },
      cancel: leave,
    });
  }

  #start(query: string): Upstream {
    const up: Upstream = { visitors: new Set(), abort: new AbortController() };
    this.#upstreams.set(query, up);
    void this.#pump(query, up);
    return up;
  }

  async #pump(query: string, up: Upstream): Promise<void> {
    try {
      const response = await this.options.open(query, up.abort.signal);
      if (!response.ok || response.body === null) return;
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        pending += decoder.decode(value, { stream: true }).replaceAll('\r\n', '\n');
        let end = pending.indexOf('\n\n');
        while (end >= 0) {
          const event = pending.slice(0, end + 2);
          pending = pending.slice(end + 2);
          if (!event.startsWith('retry:')) this.#broadcast(up, encoder.encode(event));
          end = pending.indexOf('\n\n');
        }
        if (pending.length > 1_000_000) return;
      }
    } catch {
      // Upstream gone (collector restarted, network): visitors reconnect.
    } finally {
      this.#end(query, up);
    }
  }

  #broadcast(up: Upstream, bytes: Uint8Array): void {
    for (const visitor of up.visitors) {
      try {
        visitor.enqueue(bytes);
      } catch {
        up.visitors.delete(visitor);
        this.#visitors--;
      }
    }
  }

  #end(query: string, up: Upstream): void {
    if (this.#upstreams.get(query) === up) this.#upstreams.delete(query);
    for (const visitor of up.visitors) {
      try {
        visitor.close();
      } catch {
        // Already closed by the visitor.
      }
    }
    this.#visitors -= up.visitors.size;
    up.visitors.clear();
    up.abort.abort();
  }
}
