import { randomUUID } from 'node:crypto';
import type { RegionCode, TestloadJobRecord } from '@naap/otel';
import { EvidenceSource, type Evidence } from '../evidence/index.js';
import type { Fetch } from '../http.js';
import { jobModule } from '../jobs/registry.js';
import type { JobContext, JobResult } from '../jobs/types.js';
import { buildRecord } from '../report/record.js';
import { judge, type PinState } from '../report/verdict.js';
import type { PlannedJob } from '../schedule/plan.js';
import { uriKey } from '../targets/uri.js';
import type { RunnerEnv } from './env.js';

function observedFetch(env: RunnerEnv, jobId: string): Fetch {
  const observe = env.onResponse;
  if (observe === undefined) return env.fetch;
  return async (input, init) => {
    const res = await env.fetch(input, init);
    observe(jobId, res);
    return res;
  };
}

/** Runs a job module with the job timeout (in the runner's clock). */
async function runTimed(env: RunnerEnv, ctx: Omit<JobContext, 'signal'>): Promise<JobResult> {
  const deadline = new AbortController();
  const cancelTimer = new AbortController();
  void env.clock
    .sleep(env.config.jobs.timeoutMs, cancelTimer.signal)
    .then(() => {
      deadline.abort();
    })
    .catch(() => undefined);
  try {
    return await jobModule(ctx.testCase.pipeline).run({ ...ctx, signal: deadline.signal });
  } finally {
    cancelTimer.abort();
  }
}

function nextSequence(env: RunnerEnv, key: string): number {
  const n = env.sequences.get(key) ?? 0;
  env.sequences.set(key, n + 1);
  return n;
}

/** A job's record, and whether its failure was the test-load side's own. */
export interface JobDone {
  readonly record: TestloadJobRecord;
  readonly gatewayFault: boolean;
}

/**
 * One job: one at a time per (gateway, model), within the load budget, with
 * the gateway's evidence around it; judged, recorded and sent to the sink.
 * Null when the job could not be formed (a dataset or runner problem, logged).
 */
export async function executeJob(
  env: RunnerEnv,
  job: PlannedJob,
  pin: PinState,
  region: RegionCode,
  signal?: AbortSignal,
): Promise<JobDone | null> {
  const { unit, testCase } = job;
  const model = unit.capability.model;
  return env.locks.run(`${unit.gateway.url}|${model}`, async () => {
    const release = await env.budget.acquire(
      { target: unit.target.address, unit: unit.key, capacity: unit.capability.capacity },
      signal,
    );
    const jobId = randomUUID();
    try {
      const evidence = new EvidenceSource({
        cliUrl: unit.gateway.cliUrl,
        logFile: env.config.gateway.logFile,
        fetch: env.fetch,
        addressOfUri: (uri) => env.addresses.get(uriKey(uri)) ?? null,
      });
      const window = await evidence.open(model);
      const timeUnixMs = env.clock.now();
      const result = await runTimed(env, {
        jobId,
        sequence: nextSequence(env, unit.key),
        testCase,
        dataset: env.dataset,
        target: unit.target,
        capability: unit.capability,
        gatewayUrl: unit.gateway.url,
        clock: env.clock,
        fetch: observedFetch(env, jobId),
        settings: env.config.jobs,
        media: env.media,
      });
      const seen: Evidence = await window.close({ expectFailure: result.end !== 'ok' });
      const verdict = judge({
        kind: testCase.kind,
        result,
        target: unit.target,
        evidence: seen,
        pin,
      });
      const advertised = unit.capability.warm;
      const warm = advertised === false && env.loaded.has(unit.key) ? true : advertised;
      if (result.end === 'ok') env.loaded.add(unit.key);
      const record = buildRecord({
        jobId,
        timeUnixMs,
        region,
        target: unit.target,
        modelId: model,
        datasetVersion: env.dataset.version,
        testCase,
        result,
        verdict,
        warm,
      });
      env.sink.record(record, { fpsSamples: result.fpsSamples });
      env.log.debug({ job: record }, 'job done');
      return { record, gatewayFault: verdict.gatewayFault };
    } catch (err) {
      env.log.error({ err, case: testCase.id, target: unit.target.address }, 'job could not run');
      return null;
    } finally {
      release();
    }
  });
}
