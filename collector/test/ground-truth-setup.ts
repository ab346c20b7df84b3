import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlaComplianceRow } from '@naap/otel/api';
import { groundTruthScenario } from './ground-truth-scenario.js';
import { startTestCollector, type TestCollector, type TokenEntry } from './harness.js';
import { simBackfill, simTruth, type TruthRow } from './sim-cli.js';

/**
 * The ground-truth run: a collector with one agent token per orchestrator and
 * a test-load gateway token, the scenario's last six closed hours backfilled
 * through its OTLP ingest (agents + test loads from FRA), and the truth of
 * those hours and the hour before them (delivered late by one agent).
 */

export const HOUR = 3_600_000;

export interface Workload {
  readonly id: string;
  readonly pipeline: string;
  readonly model: string;
}

const agentToken = (id: string): string => `agent-token-${id}-0123456789abcdef`;
const GATEWAY: TokenEntry = {
  token: 'gateway-token-ground-truth-0123456789',
  kind: 'gateway',
  name: 'gw-fra',
};

export class GroundTruth {
  /** End of the backfilled window: the last hour boundary. */
  readonly endMs = Math.floor(Date.now() / HOUR) * HOUR;
  readonly fromMs = this.endMs - 6 * HOUR;
  /** The hour an agent delivers late. */
  readonly lateMs = this.fromMs - HOUR;
  readonly hours = Array.from({ length: 6 }, (_, i) => this.fromMs + i * HOUR);
  truth: readonly TruthRow[] = [];
  private addresses = new Map<string, string>();
  private dir = '';
  private running: TestCollector | undefined;

  get collector(): TestCollector {
    if (this.running === undefined) throw new Error('ground truth: not started');
    return this.running;
  }

  get url(): string {
    return this.collector.url;
  }

  private get scenario(): string {
    return join(this.dir, 'scenario.json');
  }

  async start(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'naap-ground-truth-'));
    await writeFile(this.scenario, JSON.stringify(groundTruthScenario(this.fromMs)));
    this.truth = await simTruth(this.scenario, this.lateMs, this.endMs);
    this.addresses = new Map(this.truth.map((r) => [r.orchestratorId, r.address.toLowerCase()]));
    const tokens = [...this.addresses.keys()].map((id) => this.agentEntry(id));
    this.running = await startTestCollector([], { tokens: [...tokens, GATEWAY] });
    await this.backfill('tokens.json', [...tokens, GATEWAY], this.fromMs, this.endMs, ['FRA']);
  }

  /** The late hour, from one orchestrator's agent only (it was offline then). */
  async deliverLate(id: string): Promise<void> {
    await this.backfill('late-tokens.json', [this.agentEntry(id)], this.lateMs, this.fromMs, []);
  }

  async close(): Promise<void> {
    await this.running?.close();
    if (this.dir !== '') await rm(this.dir, { recursive: true, force: true });
  }

  address(id: string): string {
    const a = this.addresses.get(id);
    if (a === undefined) throw new Error(`no orchestrator ${id}`);
    return a;
  }

  get orchestrators(): string[] {
    return [...this.addresses.keys()];
  }

  /** Every (orchestrator, pipeline, model) of the scenario. */
  workloads(): Workload[] {
    const seen = new Map<string, Workload>();
    for (const r of this.truth)
      seen.set(`${r.orchestratorId}|${r.pipeline}`, {
        id: r.orchestratorId,
        pipeline: r.pipeline,
        model: r.modelId,
      });
    return [...seen.values()];
  }

  /** The truth of one (hour, O, pipeline): every workload runs on one GPU. */
  row(hourMs: number, id: string, pipeline: string): TruthRow {
    const hour = new Date(hourMs).toISOString();
    const rows = this.truth.filter(
      (r) => r.hour === hour && r.orchestratorId === id && r.pipeline === pipeline,
    );
    const [row] = rows;
    if (row === undefined || rows.length !== 1) throw new Error(`truth: ${hour} ${id} ${pipeline}`);
    return row;
  }

  /** The agent-sourced compliance row of (hour, O, pipeline), if the API has one. */
  agentRow(
    rows: readonly SlaComplianceRow[],
    hourMs: number,
    id: string,
    pipeline: string,
  ): SlaComplianceRow | undefined {
    return rows.find(
      (r) =>
        r.startMs === hourMs &&
        r.orchestrator === this.address(id) &&
        r.pipeline === pipeline &&
        r.source === 'agent',
    );
  }

  private agentEntry(id: string): TokenEntry {
    return { token: agentToken(id), kind: 'agent', address: this.address(id) };
  }

  private async backfill(
    file: string,
    tokens: readonly TokenEntry[],
    fromMs: number,
    toMs: number,
    gatewayRegions: readonly string[],
  ): Promise<void> {
    const tokensFile = join(this.dir, file);
    await writeFile(tokensFile, JSON.stringify(tokens));
    await simBackfill({
      scenario: this.scenario,
      collectorUrl: this.url,
      tokensFile,
      fromMs,
      toMs,
      gatewayRegions,
    });
  }
}

/** `HH:MM` of an hour, for figure keys. */
export const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
