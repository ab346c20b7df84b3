import { MetricsRegistry, type Labels } from './metrics.js';

/** What go-livepeer's monitor package labels a gateway's AI metrics with. */
export interface OrchestratorLabels {
  /** `orchInfo.GetTranscoder()`: the service URI. */
  readonly uri: string;
  /** `common.BytesToAddress(addr).String()`: EIP-55 checksummed. */
  readonly address: string;
  readonly version: string;
}

const NODE = ['node_id', 'node_type'] as const;
const ORCH = ['orchestrator_uri', 'orchestrator_address', 'orchestrator_version'] as const;
/** monitor/census.go declares the AI timing views with these bounds (after canonicalisation). */
const AI_BUCKETS = [0.1, 0.15, 0.2, 0.5, 10];

/**
 * The gateway-side (node_type `bctr`) metrics of go-livepeer that tell which
 * orchestrator served or failed: names, labels and HELP as in
 * monitor/census.go (shared/fixtures/go-livepeer-metrics/census-inventory.md).
 */
export class GatewayMetrics {
  readonly registry = new MetricsRegistry();
  private readonly node: Labels;

  constructor(nodeId: string, version: string) {
    this.node = { node_id: nodeId, node_type: 'bctr' };
    this.define();
    this.registry.set(
      'livepeer_versions',
      {
        node_type: 'bctr',
        compiler: 'gc',
        goos: 'linux',
        goversion: 'go1.23.4',
        livepeerversion: version,
      },
      1,
    );
  }

  /** monitor.AIRequestFinished: models requested, latency score, price. */
  requestFinished(
    pipeline: string,
    model: string,
    latencyScore: number,
    price: number,
    o: OrchestratorLabels,
  ): void {
    const base = { ...this.node, pipeline, model_name: model };
    this.registry.inc('livepeer_ai_models_requested', base);
    this.registry.set('livepeer_ai_request_latency_score', { ...base, ...orch(o) }, latencyScore);
    this.registry.set('livepeer_ai_request_price', base, price);
  }

  /** monitor.AIRequestError: `error_code` is the raw error string; no orchestrator → empty labels. */
  requestError(code: string, pipeline: string, model: string, o: OrchestratorLabels | null): void {
    const labels = { ...this.node, error_code: code, pipeline, model_name: model, ...orch(o) };
    this.registry.inc('livepeer_ai_request_errors', labels);
  }

  /** monitor.AILiveVideoAttempt: labelled with the live pipeline (model) name. */
  liveAttempt(model: string): void {
    this.registry.inc('livepeer_ai_live_attempt', { ...this.node, model_name: model });
  }

  currentLivePipelines(pipeline: string, count: number): void {
    this.registry.set('livepeer_ai_current_live_pipelines', { ...this.node, pipeline }, count);
  }

  firstSegmentDelay(ms: number, o: OrchestratorLabels): void {
    this.registry.observe('livepeer_ai_first_segment_delay_ms', { ...this.node, ...orch(o) }, ms);
  }

  orchestratorsAvailable(count: number): void {
    this.registry.set('livepeer_ai_orchestrators_available_total', this.node, count);
  }

  render(): string {
    return this.registry.render();
  }

  private define(): void {
    const r = this.registry;
    const pm = ['pipeline', 'model_name', ...NODE];
    r.define({
      name: 'livepeer_versions',
      kind: 'gauge',
      help: 'Versions used by LivePeer node.',
      labels: ['node_type', 'compiler', 'goos', 'goversion', 'livepeerversion'],
    });
    r.define({
      name: 'livepeer_ai_models_requested',
      kind: 'counter',
      help: 'Number of AI models requested over time',
      labels: pm,
    });
    r.define({
      name: 'livepeer_ai_request_latency_score',
      kind: 'gauge',
      help: 'AI request latency score',
      labels: [...pm, ...ORCH],
    });
    r.define({
      name: 'livepeer_ai_request_price',
      kind: 'gauge',
      help: 'AI request price per unit',
      labels: pm,
    });
    r.define({
      name: 'livepeer_ai_request_errors',
      kind: 'counter',
      help: 'Errors when processing AI requests',
      labels: ['error_code', ...pm, ...ORCH],
    });
    r.define({
      name: 'livepeer_ai_live_attempt',
      kind: 'counter',
      help: 'AI Live stream attempted',
      labels: ['model_name', ...NODE],
    });
    r.define({
      name: 'livepeer_ai_current_live_pipelines',
      kind: 'gauge',
      help: 'Number of live AI pipelines currently running',
      labels: ['pipeline', ...NODE],
    });
    r.define({
      name: 'livepeer_ai_first_segment_delay_ms',
      kind: 'histogram',
      help: 'Delay of the first live AI segment being processed',
      labels: [...ORCH, ...NODE],
      buckets: AI_BUCKETS,
    });
    r.define({
      name: 'livepeer_ai_orchestrators_available_total',
      kind: 'gauge',
      help: 'AI Live number of available orchestrators',
      labels: [...NODE],
    });
  }
}

function orch(o: OrchestratorLabels | null): Labels {
  return {
    orchestrator_uri: o?.uri ?? '',
    orchestrator_address: o?.address ?? '',
    orchestrator_version: o?.version ?? '',
  };
}
