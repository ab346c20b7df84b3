import { execa } from 'execa';

/** A GPU as `dcgmi discovery -l` lists it. */
export interface DcgmGpu {
  readonly uuid: string;
  /** The board's name (NVML's, as nvidia-smi prints it), when listed. */
  readonly name: string | undefined;
}

/** DCGM GPU id → GPU, from `dcgmi discovery -l`. */
export type GpuIds = ReadonlyMap<number, DcgmGpu>;

const UUID = /^GPU-[0-9a-fA-F-]{8,64}$/;
const MAX_GPUS = 64;

/**
 * Reads the GPU table of `dcgmi discovery -l`:
 *
 *     2 GPUs found.
 *     +--------+-------------------------------------+
 *     | GPU ID | Device Information                  |
 *     | 0      | Name: NVIDIA H100 80GB HBM3         |
 *     |        | Device UUID: GPU-5f1c2a4e-…         |
 *
 * DCGM's GPU ids need not be nvidia-smi's indices, so rows of `dcgmi dmon`
 * (`GPU 0`) are mapped to GPUs through this table. Tables of other entities
 * (NvSwitches, CPUs) that follow are ignored.
 */
export function parseDiscovery(text: string): Map<number, DcgmGpu> {
  const out = new Map<number, DcgmGpu>();
  let inGpus = false;
  let current: number | undefined;
  let name: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^\d+ \S.* found\.$/.test(line)) {
      inGpus = /^\d+ GPUs? found\.$/.test(line);
      current = undefined;
      continue;
    }
    if (!inGpus || !line.startsWith('|')) continue;
    const cells = line.split('|').map((c) => c.trim());
    const [id, info] = [cells[1] ?? '', cells[2] ?? ''];
    if (/^\d{1,6}$/.test(id)) {
      current = Number(id);
      name = undefined;
    }
    const named = /^Name:\s*([\x20-\x7e]{1,96})$/.exec(info)?.[1];
    if (named !== undefined) name = named.trim();
    const uuid = /^Device UUID:\s*(\S+)$/.exec(info)?.[1];
    if (current !== undefined && uuid !== undefined && UUID.test(uuid) && out.size < MAX_GPUS)
      out.set(current, { uuid, name });
  }
  return out;
}

export type DiscoveryResult =
  | { readonly ok: true; readonly gpus: GpuIds }
  /** `missing`: no dcgmi on PATH (or not executable). */
  | { readonly ok: false; readonly missing: boolean; readonly error: string };

/** Runs `dcgmi discovery -l` once; never throws. */
export async function discoverGpus(
  path: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<DiscoveryResult> {
  const r = await execa(path, ['discovery', '-l'], {
    reject: false,
    stdin: 'ignore',
    timeout: timeoutMs,
    cancelSignal: signal,
    maxBuffer: 1024 * 1024,
  });
  if (r.code === 'ENOENT' || r.code === 'EACCES')
    return { ok: false, missing: true, error: `dcgmi not runnable at ${path} (${r.code})` };
  const stdout = typeof r.stdout === 'string' ? r.stdout : '';
  const gpus = parseDiscovery(stdout);
  if (r.exitCode === 0 && gpus.size > 0) return { ok: true, gpus };
  const said = `${stdout}\n${typeof r.stderr === 'string' ? r.stderr : ''}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^Error\b/i.test(l));
  const error = r.timedOut
    ? `dcgmi discovery -l timed out after ${timeoutMs} ms`
    : (said ?? `dcgmi discovery -l found no GPU (exit ${r.exitCode ?? '?'})`);
  return { ok: false, missing: false, error: error.replace(/[^\x20-\x7e]/g, '?').slice(0, 200) };
}
