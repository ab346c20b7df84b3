import type { ComputeApp } from './compute-apps.js';
import { noDevices } from './errors.js';
import type { GpuRow } from './gpu-fields.js';
import { loadHost, type SimHost } from './host.js';
import type { PhysicalGpu } from './physical.js';
import { appRowsAt, gpuRowsAt, selectBoards } from './snapshot.js';

/** The boards one invocation reports, and their rows at the simulation's current time. */
export interface SmiSession {
  readonly host: SimHost;
  readonly boards: readonly PhysicalGpu[];
  gpuRows(): GpuRow[];
  appRows(): ComputeApp[];
}

/**
 * Loads the simulated host and selects the boards `-i` names (all without
 * it). Imported lazily by `run.ts`: the scenario machinery is only loaded
 * when a command needs the host, so help, version and argument errors stay fast.
 */
export async function openSession(
  hostFile: string,
  ids: readonly string[] | null,
  wallNow?: () => number,
): Promise<SmiSession> {
  const host = await loadHost(hostFile, wallNow);
  const boards = selectBoards(host.boards, ids);
  if (boards.length === 0) throw noDevices();
  return {
    host,
    boards,
    gpuRows: () => gpuRowsAt(host, boards, host.clock.now()),
    appRows: () => appRowsAt(host, boards, host.clock.now()),
  };
}
