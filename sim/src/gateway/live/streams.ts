import type { SimOrchestrator } from '../../scenario/resolve.js';
import { RequestRouting } from '../routing.js';
import type { GatewayRuntime } from '../runtime.js';
import { CLEAR_STREAM_DELAY_MS, streamStatus } from './status.js';
import { LiveStream, type LiveStreamSpec } from './stream.js';

export interface LiveStartRequest extends LiveStreamSpec {
  /** `orchestrator=`: only orchestrators whose service URI (or, in the simulator, address) contains it. */
  readonly orchestrator: string;
}

/** go-livepeer generateWhepUrl with the default LIVE_AI_WHEP_URL (mediamtx). */
export function whepUrl(streamName: string, requestId: string): string {
  return `http://localhost:8889/${streamName}-${requestId}-out/whep`;
}

/** The live streams of the gateway, by stream id and by ingest stream name. */
export class LiveStreams {
  private readonly byId = new Map<string, LiveStream>();
  private readonly byName = new Map<string, LiveStream>();

  constructor(private readonly rt: GatewayRuntime) {}

  /** Starts a stream (replacing a running one of the same name, as go-livepeer's registerControl does). */
  async start(req: LiveStartRequest): Promise<LiveStream> {
    this.byName.get(req.streamName)?.stop();
    this.prune();
    const needle = req.orchestrator.toLowerCase();
    const matches = (o: SimOrchestrator) =>
      needle === '' || o.serviceUri.toLowerCase().includes(needle) || o.address.includes(needle);
    const view = await this.rt.pool.view();
    const only = view.members.filter(matches);
    const routing = new RequestRouting(
      this.rt,
      {
        requestId: this.rt.nextRequestId(),
        pipeline: 'live-video-to-video',
        modelId: req.modelId,
        filter: matches,
        ...(needle !== '' && only.length === 1 ? { pinned: only[0] ?? null } : {}),
      },
      view,
    );
    this.rt.metrics.liveAttempt(req.modelId);
    this.rt.log.info(
      'ai_mediaserver.go:398',
      { request_id: routing.req.requestId, stream: req.streamName, stream_id: req.streamId },
      `Received live video AI request for ${req.streamName}. pipelineParams=${JSON.stringify(req.params)}`,
    );
    const stream = new LiveStream(this.rt, req, routing, (s) => {
      this.ended(s);
    });
    this.byId.set(req.streamId, stream);
    this.byName.set(req.streamName, stream);
    stream.start();
    this.report(req.modelId);
    return stream;
  }

  /** A stream by id, falling back to its ingest name. */
  get(idOrName: string): LiveStream | null {
    return this.byId.get(idOrName) ?? this.byName.get(idOrName) ?? null;
  }

  status(idOrName: string): Record<string, unknown> | null {
    const stream = this.get(idOrName);
    if (stream === null) return null;
    return streamStatus(
      stream,
      whepUrl(stream.spec.streamName, stream.requestId),
      this.rt.ctx.clock.now(),
    );
  }

  /** Ends every running stream now (gateway shutting down). */
  stopAll(): void {
    for (const s of this.byId.values()) s.stop();
  }

  /** Streams currently running for a live pipeline. */
  running(modelId: string): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.endedAtMs === null && s.spec.modelId === modelId) n++;
    return n;
  }

  /** Forgets streams whose status go-livepeer has cleared (a minute after they ended). */
  private prune(): void {
    const now = this.rt.ctx.clock.now();
    for (const [id, s] of this.byId) {
      if (s.endedAtMs !== null && now > s.endedAtMs + CLEAR_STREAM_DELAY_MS) this.byId.delete(id);
    }
  }

  private ended(stream: LiveStream): void {
    if (this.byName.get(stream.spec.streamName) === stream)
      this.byName.delete(stream.spec.streamName);
    this.report(stream.spec.modelId);
  }

  private report(modelId: string): void {
    this.rt.metrics.currentLivePipelines(modelId, this.running(modelId));
  }
}
