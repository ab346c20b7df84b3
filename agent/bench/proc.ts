import { readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds (user + system, all threads) a process has used so far. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Peak resident set size (VmHWM), MiB. */
export async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kib === undefined ? Number.NaN : Number(kib) / 1024;
}

/**
 * Measures a process over a window: CPU as a share of one core, and its peak
 * RSS. `seconds` is the window as it really lasted (a busy event loop fires
 * the timer late).
 */
export async function measure(
  pid: number,
  windowMs: number,
): Promise<{ cpuPercent: number; peakRssMiB: number; seconds: number }> {
  const c0 = await cpuSeconds(pid);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const c1 = await cpuSeconds(pid);
  const seconds = (Date.now() - t0) / 1000;
  return { cpuPercent: ((c1 - c0) / seconds) * 100, peakRssMiB: await peakRssMiB(pid), seconds };
}
