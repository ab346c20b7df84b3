import { pipelineInfo } from '@naap/otel';
import type { FastifyInstance } from 'fastify';
import type { SimGpu, SimOrchestrator, SimWorkload } from '../../scenario/resolve.js';
import type { GatewayRuntime } from '../runtime.js';
import { sendJson } from '../reply-json.js';

/** CUDA compute capability of each simulated GPU model (what ai-runner's /hardware/info reports). */
const COMPUTE_CAPABILITY: Readonly<Record<string, readonly [number, number]>> = {
  'rtx-4090': [8, 9],
  'rtx-4080-super': [8, 9],
  'rtx-3090': [8, 6],
  a10: [8, 6],
  'a100-80gb': [8, 0],
  'h100-80gb': [9, 0],
  h200: [9, 0],
  l40s: [8, 9],
};

const MIB = 1024 * 1024;
/** ai-runner version the simulated containers report. */
export const RUNNER_VERSION = '0.14.0';

function gpuInfo(gpu: SimGpu) {
  const [major, minor] = COMPUTE_CAPABILITY[gpu.model.key] ?? [8, 0];
  const total = (gpu.mig?.memoryMiB ?? gpu.model.memoryTotalMiB) * MIB;
  const used = gpu.workloads.reduce((sum, w) => sum + w.vramMiB * MIB, 0);
  return {
    id: gpu.uuid,
    name: gpu.model.name,
    memory_total: total,
    memory_free: Math.max(0, total - used),
    major,
    minor,
  };
}

function workloads(o: SimOrchestrator): { gpu: SimGpu; w: SimWorkload }[] {
  return o.gpus.flatMap((gpu) => gpu.workloads.map((w) => ({ gpu, w })));
}

type ModelConstraint = { warm: boolean; capacity: number; runnerVersion: string };

/** net.Capabilities as encoding/json prints the protobuf struct. */
function capabilities(o: SimOrchestrator) {
  const capacities: Record<string, number> = {};
  const perCapability = new Map<number, Record<string, ModelConstraint>>();
  let bits = 0;
  for (const { w } of workloads(o)) {
    const cap = pipelineInfo(w.pipeline).capability;
    bits += capacities[cap] === undefined ? 2 ** cap : 0;
    capacities[cap] = (capacities[cap] ?? 0) + w.capacity;
    const models = perCapability.get(cap) ?? {};
    perCapability.set(cap, models);
    const prev = models[w.modelId]?.capacity ?? 0;
    models[w.modelId] = {
      warm: w.warm,
      capacity: prev + w.capacity,
      runnerVersion: RUNNER_VERSION,
    };
  }
  const perCap = Object.fromEntries([...perCapability].map(([cap, models]) => [cap, { models }]));
  return {
    bitstring: [bits],
    mandatories: [0],
    capacities,
    version: o.version,
    constraints: { PerCapability: perCap, minVersion: '' },
  };
}

/** One common.OrchNetworkCapabilities entry. */
export function orchNetworkCapabilities(o: SimOrchestrator) {
  const pairs = new Map<string, { capability: number; constraint: string }>();
  for (const { w } of workloads(o)) {
    pairs.set(`${w.pipeline}|${w.modelId}`, {
      capability: pipelineInfo(w.pipeline).capability,
      constraint: w.modelId,
    });
  }
  return {
    address: o.address,
    local_address: o.address,
    orch_uri: o.serviceUri,
    capabilities: capabilities(o),
    capabilities_prices: [...pairs.values()].map((p) => ({
      pricePerUnit: o.pricePerUnit,
      pixelsPerUnit: 1,
      ...p,
    })),
    hardware: workloads(o).map(({ gpu, w }) => ({
      pipeline: w.pipeline,
      model_id: w.modelId,
      gpu_info: { '0': gpuInfo(gpu) },
    })),
  };
}

/**
 * GET /getNetworkCapabilities (CLI): `{"orchestrators":[…]}` of the
 * orchestrators the gateway discovered (its pool), with go-livepeer's field
 * names (common.NetworkCapabilities / OrchNetworkCapabilities).
 */
export function registerNetworkCapabilities(app: FastifyInstance, rt: GatewayRuntime): void {
  app.get('/getNetworkCapabilities', async (_request, reply) => {
    const view = await rt.pool.view();
    return sendJson(
      reply,
      { orchestrators: view.members.map(orchNetworkCapabilities) },
      200,
      false,
    );
  });
}
