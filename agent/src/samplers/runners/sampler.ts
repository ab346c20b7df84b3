import { ATTR, LIVE_FPS_BOUNDARIES, METRIC, isLivePipeline } from '@naap/otel';
import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import { runPeriodically, type Periodic } from '../go-livepeer-metrics/periodic.js';
import { counter, histogram } from '../instruments.js';
import {
  HealthTracker,
  type Sampler,
  type SamplerContext,
  type SamplerHealth,
  type RunListener,
} from '../sampler.js';
import { containerIdOfPid } from './cgroup.js';
import { listRunnerContainers } from './docker.js';
import { parseFpsLine } from './fps-line.js';
import { dockerSince, followDockerLogs, followLogFile } from './log-follow.js';
import { StreamMomentsTable, type StreamFpsSnapshot } from './moments.js';
import { RunnerFleet, type Tracked } from './fleet.js';
import { modelIdOf, type RunnerInfo, type RunnerMapping } from './runner-info.js';

/** Histogram buckets of `livepeer.ai.live.fps` (frames per second). */

export type RunnerLogSource =
  | { readonly kind: 'docker' }
  | { readonly kind: 'dir'; readonly dir: string }
  | { readonly kind: 'none' };

export interface RunnersSamplerOptions {
  /** Where live runners' logs are read: `docker logs -f` (default), or `<dir>/<container>.log`. */
  readonly logSource?: RunnerLogSource;
  readonly dockerTimeoutMs?: number;
  readonly httpTimeoutMs?: number;
  /** Host the runners' ports are bound on (go-livepeer binds 127.0.0.1). */
  readonly runnerHost?: string;
  readonly filePollMs?: number;
  readonly now?: () => number;
}

export interface RunnersSnapshot {
  readonly docker: 'unknown' | 'ok' | 'unavailable' | 'error';
  readonly lastError: string | null;
  readonly containers: readonly RunnerInfo[];
  /** Container name → pipeline and model (for mapping GPU processes to runners). */
  readonly byName: Readonly<Record<string, RunnerMapping>>;
  readonly streams: readonly StreamFpsSnapshot[];
  readonly fpsSamples: number;
}

/**
 * `runners`: discovers go-livepeer's ai-runner containers with `docker ps`
 * every `runners.intervalMs`, polls each one's `/health`, and follows live
 * runners' logs for `Output FPS:` lines, exported per stream as
 * `livepeer.ai.live.fps` (histogram: count and sum) and
 * `livepeer.ai.live.fps.sum_squares` (counter), so that the collector
 * computes the jitter coefficient exactly over any window.
 */
export class RunnersSampler implements Sampler {
  readonly name = 'runners';
  private readonly tracker: HealthTracker;
  private readonly now: () => number;
  private readonly fleet: RunnerFleet;
  private readonly streams = new StreamMomentsTable();
  private fpsSamples = 0;
  private docker: RunnersSnapshot['docker'] = 'unknown';
  private lastError: string | null = null;
  private ctx: SamplerContext | null = null;
  private startMs = 0;
  private periodic: Periodic | null = null;
  private fps: Histogram | null = null;
  private fpsSquares: Counter | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: RunnersSamplerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tracker = new HealthTracker(this.now);
    this.fleet = new RunnerFleet({
      runnerHost: options.runnerHost ?? '127.0.0.1',
      httpTimeoutMs: options.httpTimeoutMs ?? 2000,
    });
  }

  start(ctx: SamplerContext): Promise<void> {
    this.ctx = ctx;
    this.startMs = this.now();
    this.fps = histogram(ctx.meter, METRIC.liveFps, [...LIVE_FPS_BOUNDARIES]);
    this.fpsSquares = counter(ctx.meter, METRIC.liveFpsSquares);
    this.periodic = runPeriodically(
      (signal) => this.runOnce(signal),
      ctx.config.runners.intervalMs,
      ctx.signal,
      (err) => {
        ctx.log.warn({ err, sampler: this.name }, 'runners sample failed');
      },
    );
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.periodic?.stop();
    this.periodic = null;
    await this.inFlight;
    await Promise.all(this.fleet.all().map((t) => this.unfollow(t)));
  }

  /** One discovery, health poll and log check, or the one in progress (the loop calls this). */
  runOnce(signal?: AbortSignal): Promise<void> {
    this.inFlight ??= this.run(signal).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(signal: AbortSignal | undefined): Promise<void> {
    const ctx = this.ctx;
    if (ctx === null) return;
    const t0 = performance.now();
    const ps = await listRunnerContainers(ctx.config.runners.docker, {
      timeoutMs: this.options.dockerTimeoutMs ?? 10_000,
      ...(signal !== undefined ? { signal } : {}),
    });
    if (!ps.ok) {
      const state = ps.unavailable ? 'unavailable' : 'error';
      // One warning per outage of docker, not one per interval.
      if (this.docker !== state)
        ctx.log.warn({ sampler: this.name, error: ps.error }, 'cannot list ai-runner containers');
      this.docker = state;
      this.lastError = ps.error;
      this.tracker.failure(new Error(ps.error), performance.now() - t0);
      return;
    }
    if (this.docker === 'unavailable' || this.docker === 'error')
      ctx.log.info({ sampler: this.name }, 'docker reachable again');
    this.docker = 'ok';
    await Promise.all(this.fleet.sync(ps.containers).map((t) => this.unfollow(t)));
    await this.fleet.refresh(signal);
    for (const t of this.fleet.all()) this.follow(t);
    this.tracker.success(performance.now() - t0);
  }

  private follow(t: Tracked): void {
    const ctx = this.ctx;
    const source = this.options.logSource ?? { kind: 'docker' };
    const c = t.container;
    if (
      ctx === null ||
      source.kind === 'none' ||
      c.pipeline === undefined ||
      !isLivePipeline(c.pipeline)
    )
      return;
    if (t.follower !== null && !t.follower.ended) return;
    const ended = t.follower;
    if (ended !== null) {
      t.lastTimestamp = ended.lastTimestamp;
      // One warning per container: it is retried every interval.
      if (ended.error !== undefined && !t.followWarned) {
        ctx.log.warn(
          { sampler: this.name, container: c.name, error: ended.error },
          'runner log follow failed',
        );
        t.followWarned = true;
      }
    }
    const onLine = (text: string): void => {
      this.onLogLine(t, text);
    };
    if (source.kind === 'dir') {
      const onError = (err: Error): void => {
        ctx.log.warn({ err, sampler: this.name, container: c.name }, 'runner log not readable');
      };
      t.follower = followLogFile(source.dir, c.name, onLine, onError, this.options.filePollMs);
    } else {
      const since = t.lastTimestamp ?? dockerSince(this.startMs);
      t.follower = followDockerLogs(
        ctx.config.runners.docker,
        c.id,
        since,
        onLine,
        t.lastTimestamp,
      );
    }
  }

  private async unfollow(t: Tracked): Promise<void> {
    const f = t.follower;
    t.follower = null;
    await f?.stop();
  }

  private onLogLine(t: Tracked, text: string): void {
    const line = parseFpsLine(text);
    if (line === undefined) return;
    const c = t.container;
    const { modelId } = modelIdOf(c, t.version);
    const streamId = line.streamId ?? c.name;
    this.streams.add(
      { container: c.name, streamId, pipeline: c.pipeline, modelId, lastSampleMs: this.now() },
      line.fps,
    );
    this.fpsSamples++;
    const attributes: Attributes = { [ATTR.streamId]: streamId, [ATTR.modelId]: modelId };
    if (c.pipeline !== undefined) attributes[ATTR.pipeline] = c.pipeline;
    this.fps?.record(line.fps, attributes);
    this.fpsSquares?.add(line.fps * line.fps, attributes);
  }

  /** The runners known now. */
  runners(): RunnerInfo[] {
    return this.fleet.infos();
  }

  /** The runner container a host process runs in (GPU process → runner); undefined when none. */
  async containerOfPid(pid: number): Promise<RunnerInfo | undefined> {
    const id = await containerIdOfPid(pid);
    return id === undefined ? undefined : this.runners().find((r) => r.id === id);
  }

  snapshot(): RunnersSnapshot {
    const containers = this.runners();
    return {
      docker: this.docker,
      lastError: this.lastError,
      containers,
      byName: Object.fromEntries(
        containers.map((r) => [r.name, { pipeline: r.pipeline, modelId: r.modelId, id: r.id }]),
      ),
      streams: this.streams.snapshot(),
      fpsSamples: this.fpsSamples,
    };
  }

  onRun(listener: RunListener): void {
    this.tracker.listen(listener);
  }

  health(): SamplerHealth {
    return this.tracker.health();
  }
}
