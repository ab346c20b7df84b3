import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRIC } from '@naap/otel';
import { writeNvidiaSmiWrapper } from '@naap/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_EXPOSITION } from '../src/samplers/go-livepeer-metrics/test-fixtures.js';
import {
  received,
  samplerView,
  spawnAgent,
  startGoLivepeer,
  startReceiver,
  until,
  type Switchable,
} from './fault-harness.js';

// nvidia-smi hangs (SIGSTOP: alive, silent) and later dies (SIGKILL) under a
// running agent: the agent kills the silent one after its idle timeout,
// restarts nvidia-smi both times, counts the failures, and its other
// samplers (host, go-livepeer) keep reporting throughout.

// The simulator's fake nvidia-smi runs its compiled dist/: bring it up to date first.
const ENSURE_BUILT = new URL('../../sim/test/ensure-built.ts', import.meta.url).href;
const { ensureSimBuilt } = (await import(ENSURE_BUILT)) as { ensureSimBuilt: () => Promise<void> };

/** The agent's idle timeout for a silent nvidia-smi (supervisor: max(30 s, 10 intervals)). */
const IDLE_TIMEOUT_MS = 30_000;
const INTERVAL_MS = 500;
const SCENARIO = `
version: 1
name: agent-smi-faults
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: rtx-4090
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 600 }]
      - model: rtx-4090
        workloads: [{ pipeline: audio-to-text, model: openai/whisper-large-v3 }]
`;

let dir = '';
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let livepeer: Switchable;
let agent: ChildProcess | undefined;

/** The pid of the streaming nvidia-smi (`-lms`) the agent runs now. */
async function smiPid(): Promise<number> {
  return Number((await readFile(join(dir, 'smi.pid'), 'utf8').catch(() => '0')).trim());
}

beforeAll(async () => {
  await ensureSimBuilt();
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-smi-faults-'));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  const clock = { wallOriginMs: Date.now(), simOriginMs: Date.now(), speed: 1, catchUp: false };
  await writeFile(
    join(dir, 'host.json'),
    JSON.stringify({ scenarioPath: 'scenario.yaml', seed: 3, orchestratorId: 'host-a', clock }),
  );
  const sim = await writeNvidiaSmiWrapper(join(dir, 'bin'), join(dir, 'host.json'));
  // Records the streaming process's pid (exec keeps it) so the test can stop or kill it.
  const smi = join(dir, 'nvidia-smi');
  await writeFile(
    smi,
    `#!/bin/sh\ncase "$*" in *-lms*) echo $$ > '${join(dir, 'smi.pid')}';; esac\nexec '${sim}' "$@"\n`,
  );
  await chmod(smi, 0o755);
  receiver = await startReceiver();
  livepeer = await startGoLivepeer(GOOD_EXPOSITION);
  agent = spawnAgent({
    NAAP_AGENT_COLLECTOR: receiver.url,
    NAAP_AGENT_PROTOCOL: 'json',
    NAAP_AGENT_TOKEN: 'agent-faults-token-0123456789',
    NAAP_AGENT_ADDRESS: `0x${'6b'.repeat(20)}`,
    NAAP_AGENT_URI: 'https://orch.example.com:8935',
    NAAP_AGENT_REGION: 'FRA',
    NAAP_AGENT_SAMPLERS: 'nvidia-smi,host,go-livepeer-metrics',
    NAAP_AGENT_NVIDIA_SMI: smi,
    NAAP_AGENT_NVIDIA_SMI_INTERVAL_MS: String(INTERVAL_MS),
    NAAP_AGENT_GO_LIVEPEER_CLI: livepeer.url,
    NAAP_AGENT_SCRAPE_INTERVAL_MS: String(INTERVAL_MS),
    NAAP_AGENT_HOST_INTERVAL_MS: String(INTERVAL_MS),
    NAAP_AGENT_EXPORT_INTERVAL_MS: String(INTERVAL_MS),
  });
}, 180_000);

afterAll(async () => {
  const pid = await smiPid();
  agent?.kill('SIGKILL');
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await livepeer.stop();
  await receiver.stop();
  await rm(dir, { recursive: true, force: true });
});

const gpuPoints = (from: number, to?: number) =>
  received(receiver.points, METRIC.gpuUtilization, from, to);

describe('nvidia-smi hanging, then dying, under a running agent', () => {
  const smiView = () => samplerView(receiver.points, 'nvidia-smi');
  /** Per fault: when it was caused, when the new nvidia-smi appeared, when GPU readings were back. */
  const windows: Record<
    'hang' | 'death',
    { from: number; restarted: number; to: number; pid: number }
  > = {
    hang: { from: 0, restarted: 0, to: 0, pid: 0 },
    death: { from: 0, restarted: 0, to: 0, pid: 0 },
  };
  let errorsBefore = 0;

  beforeAll(async () => {
    await until(
      'GPU readings exported',
      async () => gpuPoints(0).length > 0 && (await smiPid()) > 0,
      90_000,
    );
    errorsBefore = smiView().errors();
    for (const [fault, signal] of [
      ['hang', 'SIGSTOP'], // alive, silent
      ['death', 'SIGKILL'],
    ] as const) {
      const w = windows[fault];
      w.pid = await smiPid();
      process.kill(w.pid, signal);
      w.from = Date.now();
      await until(
        `a new nvidia-smi after the ${fault}`,
        async () => (await smiPid()) !== w.pid,
        IDLE_TIMEOUT_MS + 20_000,
      );
      w.restarted = Date.now();
      await until(
        `GPU readings after the ${fault}`,
        () => gpuPoints(w.restarted).length > 0,
        20_000,
      );
      w.to = Date.now();
    }
  }, 180_000);

  it('kills the silent nvidia-smi after its idle timeout and restarts it', () => {
    expect(alive(windows.hang.pid)).toBe(false);
    // Not before the idle timeout (counted from its last line, at most an interval before the stop).
    expect(windows.hang.restarted - windows.hang.from).toBeGreaterThanOrEqual(
      IDLE_TIMEOUT_MS - 2 * INTERVAL_MS,
    );
  });

  it('restarts a dead nvidia-smi and streams again', () => {
    expect(alive(windows.death.pid)).toBe(false);
    expect(gpuPoints(windows.death.restarted).length).toBeGreaterThan(0);
  });

  it('counts both failures in naap.agent.sampler.errors', () => {
    expect(smiView().errors()).toBeGreaterThanOrEqual(errorsBefore + 2);
  });

  it('keeps host and go-livepeer reporting while nvidia-smi is down', () => {
    for (const w of [windows.hang, windows.death]) {
      for (const sampler of ['host', 'go-livepeer-metrics']) {
        const seen = samplerView(
          received(receiver.points, METRIC.agentSamplerLastSuccess, w.from, w.to),
          sampler,
        );
        // A success after nvidia-smi failed, reported before it was back.
        expect(seen.lastSuccess() * 1000, sampler).toBeGreaterThan(w.from);
      }
      expect(
        received(receiver.points, METRIC.containersInUse, w.from, w.to).length,
      ).toBeGreaterThan(0);
    }
    expect(agent?.exitCode).toBeNull();
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
