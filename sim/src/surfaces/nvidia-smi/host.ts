import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { HostFile } from '../../context.js';
import { SimClock } from '../../core/clock.js';
import { loadScenario } from '../../scenario/load.js';
import { resolveScenario, type SimNetwork, type SimOrchestrator } from '../../scenario/resolve.js';
import { hostUnavailable } from './errors.js';
import { physicalGpus, type PhysicalGpu } from './physical.js';

/** The simulated host nvidia-smi reports on. */
export interface SimHost {
  readonly network: SimNetwork;
  readonly orchestrator: SimOrchestrator;
  /** The simulation's clock, continued from the host file. */
  readonly clock: SimClock;
  readonly boards: readonly PhysicalGpu[];
}

/** Times a JavaScript Date can hold, ms since the epoch. */
const Epoch = Type.Number({ minimum: 0, maximum: 8.64e15 });

const HostFileSchema = Type.Object({
  scenarioPath: Type.String({ minLength: 1, maxLength: 4096 }),
  seed: Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }),
  orchestratorId: Type.String({ minLength: 1, maxLength: 200 }),
  clock: Type.Object({
    wallOriginMs: Epoch,
    simOriginMs: Epoch,
    speed: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }),
    catchUp: Type.Boolean(),
  }),
});

/** A host file is a few hundred bytes; anything this large is not one. */
const MAX_HOST_FILE_BYTES = 1024 * 1024;

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Parses and checks host-file JSON; throws the "driver" error with the reason. */
export function parseHostFile(text: string, origin: string): HostFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw hostUnavailable(`host file ${origin} is not valid JSON: ${message(err)}`);
  }
  if (!Value.Check(HostFileSchema, value)) {
    const first = [...Value.Errors(HostFileSchema, value)][0];
    const where = first === undefined ? '' : ` (${first.instancePath || '/'}: ${first.message})`;
    throw hostUnavailable(`host file ${origin} is not a naap-sim host file${where}`);
  }
  return value;
}

async function readHostFile(path: string): Promise<HostFile> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_HOST_FILE_BYTES) {
      throw new Error('not a regular file of at most 1 MiB');
    }
  } catch (err) {
    throw hostUnavailable(`cannot read host file ${path}: ${message(err)}`);
  }
  return parseHostFile(await readFile(path, 'utf8'), path);
}

/**
 * Loads the simulated host: its host file, then the scenario it names
 * (relative paths are taken from the host file's folder), resolved with the
 * host file's seed. Every failure is the "cannot talk to the driver" error.
 */
export async function loadHost(path: string, wallNow: () => number = Date.now): Promise<SimHost> {
  const host = await readHostFile(path);
  let network: SimNetwork;
  try {
    const scenario = await loadScenario(resolve(dirname(path), host.scenarioPath));
    network = resolveScenario(scenario, host.seed);
  } catch (err) {
    throw hostUnavailable(message(err));
  }
  const orchestrator = network.orchestrators.find((o) => o.id === host.orchestratorId);
  if (orchestrator === undefined) {
    throw hostUnavailable(`no orchestrator "${host.orchestratorId}" in scenario ${network.name}`);
  }
  const clock = SimClock.fromState(host.clock, wallNow);
  return { network, orchestrator, clock, boards: physicalGpus(orchestrator) };
}
