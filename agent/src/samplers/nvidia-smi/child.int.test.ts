import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLineStream, type StreamRunOptions } from './child.js';
import { computeAppsArgs, queryComputeApps } from './compute-apps.js';
import { LEGACY_QUERY_FIELDS, type GpuReading } from './fields.js';
import { SmiSupervisor } from './supervisor.js';
import { captureLog } from './test-support.js';
import { MIB } from './values.js';

const GPU = 'GPU-2ff89c63-5eda-ba91-2e79-1bdadd4bb265';
const ROW = `${GPU}, 0, NVIDIA H100 80GB HBM3, 5, 3, 100, 81559, 81000, 40, 80.00, 700.00, 345, 1980, 2619, 0, 0, 0x0000000000000001, 0, Disabled`;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-smi-child-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const script = async (name: string, body: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function stream(path: string, extra: Partial<StreamRunOptions> = {}) {
  const lines: string[] = [];
  const truncated: string[] = [];
  let pid: number | undefined;
  const ac = new AbortController();
  const done = runLineStream({
    path,
    args: [],
    signal: ac.signal,
    idleTimeoutMs: 10_000,
    onLine: (l) => lines.push(l),
    onOversize: () => lines.push('<oversize>'),
    onTruncated: (f) => truncated.push(f),
    onSpawn: (p) => {
      pid = p;
    },
    ...extra,
  });
  return { lines, truncated, ac, done, pid: () => pid };
}

describe('runLineStream', () => {
  it('delivers lines as they come and reports the exit', async () => {
    const s = stream(
      await script('three', 'echo a; echo b; printf "c\\nhalf"; echo oops >&2; exit 3'),
    );
    const outcome = await s.done;
    expect(s.lines).toEqual(['a', 'b', 'c']);
    expect(s.truncated).toEqual(['half']);
    expect(outcome).toMatchObject({ missing: false, exitCode: 3, hung: false, canceled: false });
    expect(outcome.description).toBe('nvidia-smi exited with code 3: oops');
  });

  it('reports a missing binary without throwing', async () => {
    const outcome = await stream(join(dir, 'absent')).done;
    expect(outcome.missing).toBe(true);
    const notExec = join(dir, 'not-exec');
    await writeFile(notExec, 'echo hi\n');
    expect((await stream(notExec).done).missing).toBe(true);
  });

  it('kills the child on abort, escalating to SIGKILL, and reaps it', async () => {
    const s = stream(
      await script('stubborn', 'trap "" TERM; while :; do echo x; sleep 0.05; done'),
      {
        killGraceMs: 300,
      },
    );
    while (s.lines.length < 2) await new Promise((r) => setTimeout(r, 20));
    const pid = s.pid()!;
    expect(alive(pid)).toBe(true);
    s.ac.abort();
    const outcome = await s.done;
    expect(outcome.canceled).toBe(true);
    expect(alive(pid)).toBe(false);
  });

  it('kills a child that hangs (prints nothing) after the idle timeout', async () => {
    const s = stream(await script('hang', 'echo first; exec sleep 30'), { idleTimeoutMs: 300 });
    const outcome = await s.done;
    expect(s.lines).toEqual(['first']);
    expect(outcome.hung).toBe(true);
    expect(outcome.canceled).toBe(false);
    expect(alive(s.pid()!)).toBe(false);
  });
});

describe('queryComputeApps', () => {
  it('runs the query with noheader,nounits and parses it', async () => {
    const args = computeAppsArgs().join(' ');
    const path = await script(
      'apps',
      `[ "$*" = "${args}" ] || exit 7; echo "${GPU}, 42, /usr/bin/python3, 512"`,
    );
    expect(await queryComputeApps(path, 5000)).toEqual({
      ok: true,
      rejected: 0,
      apps: [
        { gpuUuid: GPU, pid: 42, processName: '/usr/bin/python3', usedMemoryBytes: 512 * MIB },
      ],
    });
  });

  it('reports a missing binary, a failure and a timeout without throwing', async () => {
    expect(await queryComputeApps(join(dir, 'absent'), 5000)).toMatchObject({
      ok: false,
      missing: true,
    });
    const failing = await script('fail', 'echo "NVIDIA-SMI has failed"; exit 9');
    expect(await queryComputeApps(failing, 5000)).toEqual({
      ok: false,
      missing: false,
      error: 'nvidia-smi --query-compute-apps: NVIDIA-SMI has failed',
    });
    const started = Date.now();
    const slow = await queryComputeApps(await script('slow', 'exec sleep 10'), 200);
    expect(slow).toMatchObject({ ok: false, missing: false });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('SmiSupervisor', () => {
  it('falls back to clocks_throttle_reasons.active when an old driver rejects the new name', async () => {
    // An old driver: rejects the new field name exactly as real ones do (stdout, exit 2).
    const old = await script(
      'old-driver',
      [
        'case "$*" in *clocks_event_reasons.active*)',
        '  echo \'Field "clocks_event_reasons.active" is not a valid field to query.\'; echo; exit 2;;',
        'esac',
        `while :; do echo "${ROW}"; sleep 0.1; done`,
      ].join('\n'),
    );
    const log = captureLog();
    const readings: GpuReading[] = [];
    const restarts: string[] = [];
    const sup = new SmiSupervisor({
      path: old,
      intervalMs: 100,
      log: log.logger,
      backoff: { baseMs: 50, maxMs: 200, resetAfterMs: 10_000 },
      missingRetryMs: 60_000,
      onReading: (r) => readings.push(r),
      onRejected: () => undefined,
      onRestart: (d) => restarts.push(d),
    });
    sup.start();
    while (readings.length < 3) await new Promise((r) => setTimeout(r, 20));
    expect(sup.state().fields).toEqual(LEGACY_QUERY_FIELDS);
    expect(readings[0]).toMatchObject({ uuid: GPU, throttleBitmask: 1, utilization: 0.05 });
    expect(restarts).toEqual([]);
    expect(log.records().map((r) => r.msg)).toEqual([
      expect.stringContaining('does not know field "clocks_event_reasons.active"'),
    ]);
    const pid = sup.state().pid!;
    await sup.stop();
    expect(alive(pid)).toBe(false);
    expect(sup.state().running).toBe(false);
  });
});
