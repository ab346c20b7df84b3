import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimContext } from '../context.js';
import { SimClock, type ClockOptions } from '../core/clock.js';
import { SimEngine } from '../engine.js';
import { validateScenario } from '../scenario/load.js';
import { resolveScenario } from '../scenario/resolve.js';
import type { OrchestratorSpec, WorkloadSpec } from '../scenario/schema.js';
import { buildGatewayApp, type GatewayApps } from './server.js';
import type { GatewayOptions } from './options.js';

/**
 * Test support (not a test): inline scenarios, a simulation context over a
 * temporary state directory and the gateway built on it.
 */

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

/** A workload that never fails unless told, with room for concurrent requests. */
export function workload(
  pipeline: WorkloadSpec['pipeline'],
  model: string,
  extra: Partial<WorkloadSpec> = {},
): WorkloadSpec {
  return { pipeline, model, failureRate: 0, capacity: 8, warm: true, ...extra };
}

export function orch(
  id: string,
  workloads: WorkloadSpec[],
  extra: Partial<OrchestratorSpec> = {},
): OrchestratorSpec {
  return {
    id,
    region: 'FRA',
    serviceUri: `https://${id}.example.com:8935`,
    gpus: [{ model: 'rtx-4090', workloads }],
    ...extra,
  };
}

export interface TestSim {
  readonly ctx: SimContext;
  readonly engine: SimEngine;
  dispose(): Promise<void>;
}

/** A simulation of the given orchestrators on an accelerated clock (1000×) unless told otherwise. */
export async function testSim(
  orchestrators: OrchestratorSpec[],
  clock: ClockOptions = {},
): Promise<TestSim> {
  const scenario = validateScenario({ version: 1, name: 'gateway-test', seed: 7, orchestrators });
  const network = resolveScenario(scenario);
  const simClock = new SimClock({ startMs: T0, speed: 1000, ...clock });
  const engine = new SimEngine(network, simClock);
  const stateDir = await mkdtemp(join(tmpdir(), 'naap-gw-'));
  const ctx: SimContext = { network, clock: simClock, engine, stateDir };
  return {
    ctx,
    engine,
    dispose: () => rm(stateDir, { recursive: true, force: true }),
  };
}

export interface TestGateway extends TestSim {
  readonly apps: GatewayApps;
}

export async function testGateway(
  orchestrators: OrchestratorSpec[],
  options: GatewayOptions = {},
  clock: ClockOptions = {},
): Promise<TestGateway> {
  const sim = await testSim(orchestrators, clock);
  const apps = buildGatewayApp(sim.ctx, options);
  return {
    ...sim,
    apps,
    async dispose() {
      await apps.close();
      await apps.runtime.idle();
      await sim.dispose();
    },
  };
}

/** A multipart/form-data body with text fields and files. */
export function multipart(
  fields: Readonly<Record<string, string>>,
  files: Readonly<Record<string, { filename: string; type: string; data: Buffer }>> = {},
  boundary = 'naapBoundary7MA4YWxk',
): { body: Buffer; contentType: string } {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const [name, f] of Object.entries(files)) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`;
    parts.push(Buffer.from(head), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Parses `data: …` events of a text/event-stream body. */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .map((block) => block.trim())
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
}
