import {
  EVENT,
  testloadJobToAttributes,
  type RegionCode,
  type TestloadJobRecord,
} from '@naap/otel';
import { Rng } from '../core/rng.js';
import { drawJob } from '../model/jobs.js';
import { inOutage, type SimNetwork } from '../scenario/resolve.js';
import type { LogSpec } from './otlp-json.js';

/**
 * What a test-load gateway in `region` would have reported for a window of
 * the past: one reference job per (orchestrator, pipeline, model) every
 * `cadenceMs`, its behaviour drawn from the same workload model as the
 * orchestrator's own traffic (seeded per gateway region and slot), seen from
 * the client: wall time includes a network round trip, an orchestrator in an
 * outage is a transport failure.
 */

export interface TestloadWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly cadenceMs: number;
  readonly region: RegionCode;
  readonly datasetVersion: string;
}

/** Client-side overhead of one request from a gateway (upload, queueing, RTT). */
const CLIENT_OVERHEAD_MS = 45;
/** Live test loads watch each stream this long. */
const LIVE_WATCH_SAMPLES = 30;

function fpsStats(values: readonly number[]): TestloadJobRecord['fps'] {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { count: values.length, mean, stddev: Math.sqrt(variance), min: Math.min(...values) };
}

export function testloadWindow(network: SimNetwork, w: TestloadWindow): LogSpec[] {
  const out: LogSpec[] = [];
  for (const o of network.orchestrators) {
    for (const gpu of o.gpus) {
      for (const workload of gpu.workloads) {
        const slotOffset = (o.index * 7919 + workload.pipeline.length * 104_729) % w.cadenceMs;
        const first = Math.ceil((w.fromMs - slotOffset) / w.cadenceMs) * w.cadenceMs + slotOffset;
        for (let t = first; t < w.toMs; t += w.cadenceMs) {
          const rng = Rng.of(
            network.seed,
            'testload',
            w.region,
            o.id,
            gpu.uuid,
            workload.modelId,
            t,
          );
          const job = drawJob(
            { network, orchestrator: o, gpu, workload },
            rng,
            t,
            'gateway',
            false,
          );
          const down = inOutage(o, t);
          const fps = down
            ? null
            : fpsStats((job.live?.fpsSamples ?? []).slice(0, LIVE_WATCH_SAMPLES).map((s) => s.fps));
          const latencyMs = down
            ? 2_000
            : (job.live?.ptffMs ?? job.durationMs) + CLIENT_OVERHEAD_MS;
          const record: TestloadJobRecord = {
            jobId: `${w.region.toLowerCase()}-${job.id}-${t.toString(36)}`,
            timeUnixMs: Math.round(t + latencyMs),
            region: w.region,
            orchestratorAddress: o.address,
            orchestratorUri: o.serviceUri,
            pipeline: workload.pipeline,
            modelId: workload.modelId,
            datasetVersion: w.datasetVersion,
            caseId: `${workload.pipeline}-good-001`,
            caseKind: 'good',
            outcome: down ? 'failure' : job.outcome,
            errorClass: down ? 'transport' : job.errorClass,
            errorMessage: down
              ? 'dial tcp: connect: connection refused'
              : (job.errorMessage?.slice(0, 512) ?? null),
            httpStatus: down ? 503 : job.errorClass === null ? 200 : 500,
            latencyMs,
            ttfbMs: latencyMs,
            ptffMs: down ? null : (job.live?.ptffMs ?? null),
            fps,
            jitter: fps === null || fps.mean === 0 ? null : fps.stddev / fps.mean,
            tokensPerSecond: null,
            servedBy: down ? null : o.address,
            swapped: false,
            warm: job.warm,
            expectedRejection: false,
            synthetic: true,
          };
          out.push({
            atMs: record.timeUnixMs,
            eventName: EVENT.testloadJob,
            body: EVENT.testloadJob,
            attrs: testloadJobToAttributes(record),
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
