import type { JobRecord } from '../../model/jobs.js';
import type { SimNetwork, SimOrchestrator } from '../../scenario/resolve.js';
import type { WorkloadActivity } from './activity.js';
import { batchEndLines, batchStartLines } from './batch-lines.js';
import type { LogLine } from './glog.js';
import type { LineContext } from './job-lines-common.js';
import { liveEndLines, liveStartLines } from './live-lines.js';
import { BufferedLogFile } from './log-file.js';
import { startupLines } from './startup-lines.js';

export interface JobLogOptions {
  readonly path: string;
  readonly network: SimNetwork;
  readonly orchestrator: SimOrchestrator;
  readonly activity: WorkloadActivity;
  /** Simulated time the node started (start-up banner; jobs begun earlier get no Received line). */
  readonly startMs: number;
  /** The CLI server's address as the banner prints it. */
  readonly cliAddr: string;
  /** glog `-v` (default 6: Received and payment lines included). */
  readonly verbosity?: number;
  /** `local` (AI worker in the node, default) or `remote` (-aiWorker nodes). */
  readonly mode?: 'local' | 'remote';
}

/**
 * `<stateDir>/hosts/<id>/go-livepeer.log`: the go-livepeer log of one
 * orchestrator, written as the engine emits its jobs. Lines carry the
 * simulated times of what they describe. A batch job's arrival lines are
 * written when simulated time reaches its start (background jobs are known
 * ahead from the model), its result lines when it ends; a gateway-routed job
 * is only known when it ends, so its arrival lines come late. Each `flush`
 * sorts what it writes by time and appends it in one write.
 */
export class JobLog {
  private readonly file: BufferedLogFile;
  private readonly ctx: LineContext;
  private pending: LogLine[] = [];
  private scannedUntil: number;
  private readonly announced = new Set<string>();
  private readonly endedBeforeScan = new Set<string>();
  private taskId = 0;

  constructor(private readonly options: JobLogOptions) {
    this.file = new BufferedLogFile(options.path);
    this.scannedUntil = options.startMs;
    this.ctx = {
      orchestrator: options.orchestrator,
      seed: options.network.seed,
      verbosity: options.verbosity ?? 6,
      mode: options.mode ?? 'local',
      nextTaskId: () => this.taskId++,
    };
    this.pending.push(...startupLines(options.orchestrator, options.startMs, options.cliAddr));
  }

  get path(): string {
    return this.file.path;
  }

  /** The engine's `streamStart` for this orchestrator. */
  onStreamStart(job: JobRecord): void {
    this.pending.push(...liveStartLines(job, this.ctx));
  }

  /** The engine's `job` (end of a batch job or a stream) for this orchestrator. */
  onJob(job: JobRecord): void {
    if (job.live !== null) {
      this.pending.push(...liveEndLines(job, this.ctx));
      return;
    }
    if (this.announced.delete(job.id)) {
      this.pending.push(...batchEndLines(job, this.ctx));
      return;
    }
    if (job.startMs > this.options.startMs) this.pending.push(...batchStartLines(job, this.ctx));
    if (job.origin === 'background' && job.startMs > this.scannedUntil)
      this.endedBeforeScan.add(job.id);
    this.pending.push(...batchEndLines(job, this.ctx));
  }

  /** Writes the arrivals of background jobs started up to `untilMs` and everything queued. */
  flush(untilMs: number): Promise<void> {
    for (const job of this.options.activity.batchStartsBetween(this.scannedUntil, untilMs)) {
      if (this.endedBeforeScan.delete(job.id)) continue;
      this.announced.add(job.id);
      this.pending.push(...batchStartLines(job, this.ctx));
    }
    this.scannedUntil = Math.max(this.scannedUntil, untilMs);
    const lines = this.pending.sort((a, b) => a.atMs - b.atMs);
    this.pending = [];
    this.file.append(lines.map((l) => l.text));
    return this.file.flush();
  }

  /** logrotate-style rotation: the current file becomes `.1`, a new one is started. */
  rotate(): Promise<void> {
    return this.file.rotate();
  }

  async close(untilMs: number): Promise<void> {
    await this.flush(untilMs);
    await this.file.close();
  }
}
