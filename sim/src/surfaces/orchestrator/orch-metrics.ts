import type { JobRecord } from '../../model/jobs.js';
import type { SimNetwork, SimOrchestrator } from '../../scenario/resolve.js';
import type { WorkloadActivity } from './activity.js';
import { CENSUS } from './census-defs.js';
import { TICKET_EV_WEI, WinningTickets, ticketsOf, unitsOf } from './fees.js';
import { errorText, handlingOf, paidFor } from './handling.js';
import { GO_VERSION, ZERO_ADDRESS, senderOf } from './identity.js';
import { processFamilies } from './process-metrics.js';
import { CensusRegistry, renderExposition } from './prometheus.js';

/** go-livepeer's default `-maxSessions`. */
const MAX_SESSIONS = 10;

const modelKey = (pipeline: string, modelId: string): string => `${pipeline}\u0000${modelId}`;

/**
 * The `/metrics` state of one simulated orchestrator, fed with the engine's
 * events for it. What go-livepeer records and when:
 * - at start (monitor.InitCensus, starter): livepeer_versions,
 *   SetTranscodersNumberAndLoad(0,0,0), MaxSessions;
 * - container gauges (ai/worker/docker.go monitorInUse): in use / idle per
 *   pipeline and model with an empty orchestrator_uri, GPUs idle — from the
 *   start for warm models, after first use for cold ones;
 * - per successful batch job (monitor.AIJobProcessed): models requested,
 *   latency score, price per unit — live streams do not go through it;
 * - per failed job (monitor.AIProcessingError): request errors with the raw
 *   error string as error_code and the paying gateway as sender (the zero
 *   address for live video);
 * - per payment (ProcessPayment): ticket value/tickets/winning tickets, or
 *   payment_recv_errors when the tickets were refused.
 */
export class OrchestratorMetrics {
  private readonly registry: CensusRegistry;
  private readonly wins = new WinningTickets();
  private readonly models = new Set<string>();
  private liveStarted = false;

  constructor(
    private readonly network: SimNetwork,
    private readonly orchestrator: SimOrchestrator,
    private readonly activity: WorkloadActivity,
    private readonly startMs: number,
  ) {
    this.registry = new CensusRegistry({ node_id: orchestrator.nodeId, node_type: 'orch' });
    this.recordStartup();
  }

  private recordStartup(): void {
    const r = this.registry;
    const o = this.orchestrator;
    r.set(
      CENSUS.versions,
      { compiler: 'gc', goos: 'linux', goversion: GO_VERSION, livepeerversion: o.version },
      1,
    );
    r.set(CENSUS.transcodersLoad, {}, 0);
    r.set(CENSUS.transcodersCapacity, {}, 0);
    r.set(CENSUS.transcodersNumber, {}, 0);
    r.set(CENSUS.maxSessions, {}, MAX_SESSIONS);
    for (const c of this.activity.containers) {
      if (c.workload.warm) this.models.add(modelKey(c.workload.pipeline, c.workload.modelId));
    }
  }

  /** A live stream started (the container was borrowed). */
  onStreamStart(job: JobRecord): void {
    this.models.add(modelKey(job.pipeline, job.modelId));
    this.liveStarted = true;
  }

  /** A job ended (batch request answered, or live stream over / refused). */
  onJob(job: JobRecord): void {
    const handling = handlingOf(job);
    const tags = { pipeline: job.pipeline, model_name: job.modelId };
    // The container was borrowed and returned (docker.go monitorInUse) only if the job reached it.
    if (paidFor(handling)) this.models.add(modelKey(job.pipeline, job.modelId));
    if (handling === 'processed' && job.live === null) this.recordProcessed(job, tags);
    if (handling === 'processing_error') {
      const sender = job.live === null ? senderOf(this.network.seed, job).address : ZERO_ADDRESS;
      this.registry.add(CENSUS.requestErrors, { ...tags, error_code: errorText(job), sender }, 1);
    }
    if (handling === 'payment') {
      this.registry.add(CENSUS.paymentRecvErrors, { error_code: errorText(job) }, 1);
    }
    if (paidFor(handling)) this.recordPayment(job);
  }

  private recordProcessed(job: JobRecord, tags: Record<string, string>): void {
    this.registry.add(CENSUS.modelsRequested, tags, 1);
    // Seconds per billed unit, like go-livepeer's Calculate*LatencyScore (time per output pixel).
    this.registry.set(CENSUS.latencyScore, tags, job.durationMs / 1000 / unitsOf(job));
    this.registry.set(CENSUS.requestPrice, tags, this.orchestrator.pricePerUnit);
  }

  private recordPayment(job: JobRecord): void {
    const tickets = ticketsOf(this.orchestrator, job);
    this.registry.add(CENSUS.ticketValueRecv, {}, (tickets * TICKET_EV_WEI) / 1e9);
    this.registry.add(CENSUS.ticketsRecv, {}, tickets);
    this.registry.add(CENSUS.winningTicketsRecv, {}, this.wins.next(tickets));
  }

  /** Sets the gauges go-livepeer keeps current (containers, GPUs, live pipelines) as of `atMs`. */
  private refreshGauges(atMs: number): number {
    let busy = 0;
    const gpuCount = this.orchestrator.gpus.length;
    for (const key of this.models) {
      const [pipeline = '', modelId = ''] = key.split('\u0000');
      const cs = this.activity.containers.filter(
        (c) => c.workload.pipeline === pipeline && c.workload.modelId === modelId,
      );
      const capacity = cs.reduce((s, c) => s + c.workload.capacity, 0);
      const inUse = cs.reduce(
        (s, c) => s + Math.min(c.workload.capacity, this.activity.inFlight(c, atMs).length),
        0,
      );
      busy += inUse;
      const tags = { pipeline, model_name: modelId };
      this.registry.set(CENSUS.containerInUse, tags, inUse);
      this.registry.set(CENSUS.containerIdle, { ...tags, orchestrator_uri: '' }, capacity - inUse);
      this.registry.set(CENSUS.gpusIdle, tags, gpuCount - new Set(cs.map((c) => c.gpu.uuid)).size);
    }
    if (this.liveStarted) this.refreshLive(atMs);
    return busy;
  }

  private refreshLive(atMs: number): void {
    const live = this.activity.containers.filter((c) => c.workload.kind === 'live');
    const streams = live.reduce((s, c) => s + this.activity.inFlight(c, atMs).length, 0);
    this.registry.set(CENSUS.currentLivePipelines, { pipeline: 'live-video-to-video' }, streams);
  }

  /** The `/metrics` text as of simulated time `atMs`. */
  render(atMs: number): string {
    const busy = this.refreshGauges(atMs);
    const proc = processFamilies(this.orchestrator.nodeId, this.startMs, atMs, busy);
    return renderExposition([...this.registry.families(), ...proc]);
  }
}
