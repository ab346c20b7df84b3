import { execa } from 'execa';
import { splitLines } from './lines.js';
import { SEPARATOR } from './parse.js';
import { MIB, isSentinel, stripUnit } from './values.js';

/** One GPU compute process from `--query-compute-apps`. */
export interface ComputeApp {
  /** UUID of the physical GPU the process runs on. */
  readonly gpuUuid: string;
  readonly pid: number;
  /** Full process name as nvidia-smi prints it (a path on Linux and Windows). */
  readonly processName: string;
  /** Absent where nvidia-smi prints `[N/A]` (Windows WDDM). */
  readonly usedMemoryBytes?: number;
}

export const COMPUTE_APP_FIELDS = ['gpu_uuid', 'pid', 'process_name', 'used_gpu_memory'] as const;

export const computeAppsArgs = (): string[] => [
  `--query-compute-apps=${COMPUTE_APP_FIELDS.join(',')}`,
  '--format=csv,noheader,nounits',
];

const GPU_UUID = /^(?:GPU|MIG)-[0-9A-Fa-f][\w/-]{7,95}$/;
const PID = /^\d{1,10}$/;
const MEMORY = /^\d{1,12}$/;
const CONTROL = /\p{Cc}/u;
const HEADER = /^gpu_uuid, pid, /;

/**
 * One `gpu_uuid, pid, process_name, used_gpu_memory` line; undefined for a
 * header, a blank or malformed line. The process name may itself contain
 * `, ` (it is a path): it is everything between the pid and the last field.
 */
export function parseComputeAppLine(line: string): ComputeApp | undefined {
  if (line.trim() === '' || HEADER.test(line) || CONTROL.test(line)) return undefined;
  const cells = line.split(SEPARATOR);
  if (cells.length < COMPUTE_APP_FIELDS.length) return undefined;
  const [gpuUuid = '', pidText = ''] = cells;
  const memoryText = stripUnit(cells[cells.length - 1] ?? '');
  const processName = cells.slice(2, -1).join(SEPARATOR).trim();
  if (!GPU_UUID.test(gpuUuid.trim()) || !PID.test(pidText.trim())) return undefined;
  const pid = Number(pidText.trim());
  const base = { gpuUuid: gpuUuid.trim(), pid, processName };
  if (isSentinel(memoryText)) return base;
  if (!MEMORY.test(memoryText)) return undefined;
  return { ...base, usedMemoryBytes: Number(memoryText) * MIB };
}

/** Parses a whole `--query-compute-apps` output; counts the lines it could not read. */
export function parseComputeApps(text: string): { apps: ComputeApp[]; rejected: number } {
  const { lines, oversize } = splitLines(text);
  const apps: ComputeApp[] = [];
  let rejected = oversize;
  for (const line of lines) {
    const app = parseComputeAppLine(line);
    if (app !== undefined) apps.push(app);
    else if (line.trim() !== '' && !HEADER.test(line)) rejected++;
  }
  return { apps, rejected };
}

/** The executable's base name (`/usr/bin/python3.11` → `python3.11`, `C:\…\ffmpeg.exe` → `ffmpeg.exe`). */
export function executableName(processName: string): string {
  const parts = processName.split(/[/\\]/);
  return parts[parts.length - 1] ?? processName;
}

export type ComputeAppsResult =
  | { readonly ok: true; readonly apps: ComputeApp[]; readonly rejected: number }
  | { readonly ok: false; readonly missing: boolean; readonly error: string };

/** Runs `nvidia-smi --query-compute-apps=…` once, with a timeout; never throws. */
export async function queryComputeApps(
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ComputeAppsResult> {
  const r = await execa(path, computeAppsArgs(), {
    reject: false,
    stdin: 'ignore',
    timeout: timeoutMs,
    maxBuffer: 4 * 1024 * 1024,
    forceKillAfterDelay: 1000,
    ...(signal ? { cancelSignal: signal } : {}),
  });
  if (r.failed) {
    const missing = r.code === 'ENOENT' || r.code === 'EACCES';
    const why = r.timedOut
      ? `timed out after ${timeoutMs} ms`
      : firstLine(r.stdout, r.message ?? 'failed');
    return { ok: false, missing, error: `nvidia-smi --query-compute-apps: ${why}` };
  }
  return { ok: true, ...parseComputeApps(r.stdout) };
}

function firstLine(stdout: unknown, fallback: string): string {
  const text = typeof stdout === 'string' ? stdout.trim() : '';
  return (text === '' ? fallback : text).split('\n')[0]?.slice(0, 200) ?? '';
}
