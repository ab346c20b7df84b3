import type { LiveOrchestratorEvent, LiveSummaryEvent, TestloadJob } from '@naap/otel/api';
import {
  STALL_MS,
  backoffMs,
  isOrchestratorEvent,
  isSummaryEvent,
  isTestloadEvent,
  parseLiveData,
  type LiveEventName,
} from './events.js';

/**
 * The dashboard's one live connection (Server-Sent Events from the API's
 * `/live`, through the dashboard's own origin). A page subscribes with the
 * filters it shows; the header's control shows the state and pauses it.
 * Reconnects with backoff; a silent stream is treated as dropped.
 */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'paused';

export interface LiveHandlers {
  summary?: (e: LiveSummaryEvent) => void;
  orchestrator?: (e: LiveOrchestratorEvent) => void;
  testload?: (e: TestloadJob) => void;
}

const EVENTS: readonly LiveEventName[] = ['summary', 'orchestrator', 'testload', 'heartbeat'];

class LiveConnection {
  status = $state<LiveStatus>('off');
  paused = $state(false);
  lastEventMs = $state<number | null>(null);
  /** Whole seconds until the next reconnect attempt, while reconnecting. */
  retryAtMs = $state<number | null>(null);

  #url: string | null = null;
  #handlers: LiveHandlers = {};
  #source: EventSource | null = null;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stallTimer: ReturnType<typeof setTimeout> | undefined;

  /** Starts (or retargets) the stream; returns the function that stops it. */
  subscribe(url: string, handlers: LiveHandlers): () => void {
    this.#handlers = handlers;
    if (url !== this.#url) {
      this.#url = url;
      this.#attempt = 0;
      this.#open();
    }
    return () => {
      if (this.#url !== url) return;
      this.#url = null;
      this.#close();
      this.status = 'off';
    };
  }

  toggle(): void {
    this.paused = !this.paused;
    if (this.paused) {
      this.#close();
      this.status = 'paused';
    } else {
      this.#attempt = 0;
      this.#open();
    }
  }

  #open(): void {
    this.#close();
    if (this.#url === null || this.paused) {
      this.status = this.paused ? 'paused' : 'off';
      return;
    }
    this.status = this.#attempt === 0 ? 'connecting' : 'reconnecting';
    const source = new EventSource(this.#url);
    this.#source = source;
    source.onopen = () => {
      this.#attempt = 0;
      this.status = 'live';
      this.#watch();
    };
    source.onerror = () => {
      if (this.#source === source) this.#retry();
    };
    for (const name of EVENTS) {
      source.addEventListener(name, (e: MessageEvent<string>) => {
        this.#onEvent(name, e.data);
      });
    }
  }

  #onEvent(name: LiveEventName, text: string): void {
    this.lastEventMs = Date.now();
    this.status = 'live';
    this.#watch();
    const data = parseLiveData(text);
    if (data === null) return;
    if (name === 'summary' && isSummaryEvent(data)) this.#handlers.summary?.(data);
    else if (name === 'orchestrator' && isOrchestratorEvent(data)) {
      this.#handlers.orchestrator?.(data);
    } else if (name === 'testload' && isTestloadEvent(data)) this.#handlers.testload?.(data);
  }

  #watch(): void {
    clearTimeout(this.#stallTimer);
    this.#stallTimer = setTimeout(() => {
      this.#retry();
    }, STALL_MS);
  }

  #retry(): void {
    this.#close();
    if (this.#url === null || this.paused) return;
    const delay = backoffMs(this.#attempt++);
    this.status = 'reconnecting';
    this.retryAtMs = Date.now() + delay;
    this.#retryTimer = setTimeout(() => {
      this.retryAtMs = null;
      this.#open();
    }, delay);
  }

  #close(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#stallTimer);
    this.#source?.close();
    this.#source = null;
  }
}

export const live = new LiveConnection();
