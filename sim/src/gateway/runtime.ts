import { join } from 'node:path';
import type { SimContext } from '../context.js';
import { Rng } from '../core/rng.js';
import { AsyncResults } from './batch/async-results.js';
import { GatewayLog } from './gateway-log.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { LiveStreams } from './live/streams.js';
import { MediaStore } from './media/media-store.js';
import {
  resolveGatewayOptions,
  type GatewayOptions,
  type ResolvedGatewayOptions,
} from './options.js';
import { OrchestratorPool } from './pool.js';
import { Selector } from './selector.js';

/** Everything the gateway's routes share: one per simulated gateway. */
export class GatewayRuntime {
  readonly options: ResolvedGatewayOptions;
  readonly pool: OrchestratorPool;
  readonly selector = new Selector();
  readonly log: GatewayLog;
  readonly metrics: GatewayMetrics;
  readonly media = new MediaStore();
  readonly asyncResults = new AsyncResults();
  readonly live: LiveStreams;
  private requests = 0;
  private readonly background = new Set<Promise<void>>();

  constructor(
    readonly ctx: SimContext,
    options: GatewayOptions,
  ) {
    this.options = resolveGatewayOptions(options);
    this.pool = new OrchestratorPool(ctx.network, this.options);
    this.log = new GatewayLog(join(ctx.stateDir, 'gateway.log'), () => ctx.clock.now());
    this.metrics = new GatewayMetrics(this.options.nodeId, this.options.version);
    this.live = new LiveStreams(this);
  }

  /** go-livepeer core.RandomManifestID(): 8 hex characters, deterministic per gateway here. */
  nextRequestId(): string {
    this.requests++;
    return Rng.of(this.ctx.network.seed, 'gateway-request', this.options.nodeId, this.requests).hex(
      4,
    );
  }

  /** Keeps background work (async requests, SSE writers) observable; its errors are logged. */
  track(work: Promise<void>): void {
    const tracked = work
      .catch((err: unknown) => {
        this.log.error('ai_mediaserver.go:1', {}, `background work failed err=${String(err)}`);
      })
      .finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  /** Resolves when all background work started so far is done. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }
}
