import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../../context.js';
import type { FpsSample, JobRecord } from '../../model/jobs.js';
import type { SimOrchestrator } from '../../scenario/resolve.js';
import { WorkloadActivity } from './activity.js';
import { buildCliApp } from './cli-server.js';
import { JobLog } from './job-log.js';
import { OrchestratorMetrics } from './orch-metrics.js';
import { buildRunnerApp } from './runner.js';
import { RunnerLogs } from './runner-log.js';

export interface OrchestratorSurfaceOptions {
  /** CLI server port on 127.0.0.1 (default 0: ephemeral). */
  readonly cliPort?: number;
  /** Wall milliseconds between log flushes (default 250). */
  readonly flushIntervalMs?: number;
  /** go-livepeer `-v` level of the job log (default 6). */
  readonly verbosity?: number;
  /** Jobs run by an AI worker inside the node (default) or by a remote AI worker. */
  readonly workerMode?: 'local' | 'remote';
}

export interface RunnerEndpoint {
  readonly containerName: string;
  readonly pipeline: string;
  readonly modelId: string;
  readonly url: string;
}

export interface OrchestratorSurfaces {
  readonly cliUrl: string;
  readonly jobLogPath: string;
  readonly runnerLogDir: string;
  readonly runners: readonly RunnerEndpoint[];
  /** Writes what the engine emitted so far to the job and runner logs. */
  flush(): Promise<void>;
  /** Rotates the job log like logrotate's create mode (old file → `.1`). */
  rotateJobLog(): Promise<void>;
  close(): Promise<void>;
}

/** Simulated "now" of the surfaces: what the engine has emitted, or the clock before it starts. */
function simNow(ctx: SimContext): number {
  return ctx.engine.emittedUntil > 0 ? ctx.engine.emittedUntil : ctx.clock.now();
}

async function listen(app: FastifyInstance, port: number): Promise<string> {
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address() as AddressInfo;
  return `127.0.0.1:${address.port}`;
}

async function startRunners(
  ctx: SimContext,
  o: SimOrchestrator,
  activity: WorkloadActivity,
  apps: FastifyInstance[],
): Promise<RunnerEndpoint[]> {
  const runners: RunnerEndpoint[] = [];
  for (const container of activity.containers) {
    const app = buildRunnerApp({
      network: ctx.network,
      orchestrator: o,
      container,
      activity,
      now: () => simNow(ctx),
    });
    apps.push(app);
    const { workload } = container;
    runners.push({
      containerName: workload.container.name,
      pipeline: workload.pipeline,
      modelId: workload.modelId,
      url: `http://${await listen(app, 0)}`,
    });
  }
  return runners;
}

/**
 * Starts the simulated go-livepeer surfaces of one orchestrator: its CLI
 * server (/metrics, /status, /orchestratorInfo, /signMessage), its job log
 * and one ai-runner server and log per workload container, all fed by the
 * engine's events for this orchestrator.
 */
export async function startOrchestratorSurfaces(
  ctx: SimContext,
  o: SimOrchestrator,
  options: OrchestratorSurfaceOptions = {},
): Promise<OrchestratorSurfaces> {
  const hostDir = join(ctx.stateDir, 'hosts', o.id);
  const runnerLogDir = join(hostDir, 'runners');
  await mkdir(runnerLogDir, { recursive: true });
  const startMs = simNow(ctx);
  const activity = new WorkloadActivity(ctx.network, o);
  const metrics = new OrchestratorMetrics(ctx.network, o, activity, startMs);
  const apps: FastifyInstance[] = [];
  try {
    const cli = buildCliApp({ orchestrator: o, metrics, now: () => simNow(ctx) });
    apps.push(cli);
    const cliAddr = await listen(cli, options.cliPort ?? 0);
    const runners = await startRunners(ctx, o, activity, apps);
    const jobLog = new JobLog({
      path: join(hostDir, 'go-livepeer.log'),
      network: ctx.network,
      orchestrator: o,
      activity,
      startMs,
      cliAddr,
      ...(options.verbosity !== undefined ? { verbosity: options.verbosity } : {}),
      ...(options.workerMode !== undefined ? { mode: options.workerMode } : {}),
    });
    const runnerLogs = new RunnerLogs(runnerLogDir, activity, startMs);
    return wire(
      ctx,
      o,
      { metrics, jobLog, runnerLogs, apps, cliAddr, runners, runnerLogDir },
      options,
    );
  } catch (err) {
    await Promise.all(apps.map((a) => a.close()));
    throw err;
  }
}

interface Parts {
  readonly metrics: OrchestratorMetrics;
  readonly jobLog: JobLog;
  readonly runnerLogs: RunnerLogs;
  readonly apps: readonly FastifyInstance[];
  readonly cliAddr: string;
  readonly runners: readonly RunnerEndpoint[];
  readonly runnerLogDir: string;
}

function wire(
  ctx: SimContext,
  o: SimOrchestrator,
  p: Parts,
  options: OrchestratorSurfaceOptions,
): OrchestratorSurfaces {
  const mine = (job: JobRecord): boolean => job.orchestratorId === o.id;
  const onJob = (job: JobRecord): void => {
    if (!mine(job)) return;
    p.metrics.onJob(job);
    p.jobLog.onJob(job);
    p.runnerLogs.onJob(job);
  };
  const onStreamStart = (job: JobRecord): void => {
    if (!mine(job)) return;
    p.metrics.onStreamStart(job);
    p.jobLog.onStreamStart(job);
    p.runnerLogs.onStreamStart(job);
  };
  const onFps = (job: JobRecord, sample: FpsSample): void => {
    if (mine(job)) p.runnerLogs.onFps(job, sample);
  };
  ctx.engine.on('job', onJob);
  ctx.engine.on('streamStart', onStreamStart);
  ctx.engine.on('fps', onFps);
  const flush = async (): Promise<void> => {
    await Promise.all([p.jobLog.flush(ctx.engine.emittedUntil), p.runnerLogs.flush()]);
  };
  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 250);
  timer.unref();
  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    ctx.engine.off('job', onJob);
    ctx.engine.off('streamStart', onStreamStart);
    ctx.engine.off('fps', onFps);
    clearInterval(timer);
    await Promise.all(p.apps.map((a) => a.close()));
    await Promise.all([p.jobLog.close(ctx.engine.emittedUntil), p.runnerLogs.close()]);
  };
  return {
    cliUrl: `http://${p.cliAddr}`,
    jobLogPath: p.jobLog.path,
    runnerLogDir: p.runnerLogDir,
    runners: p.runners,
    flush,
    rotateJobLog: () => p.jobLog.rotate(),
    close: () => (closing ??= close()),
  };
}
