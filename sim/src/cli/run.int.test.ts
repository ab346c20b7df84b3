import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { recoverMessageAddress, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSimBuilt } from '../../test/ensure-built.js';
import type { Endpoints } from '../run.js';

// The whole simulator as a user starts it: `naap-sim run`, then every
// surface it prints is used like the agent and the test-load gateway will.

const entry = fileURLToPath(new URL('./bin.ts', import.meta.url));
const SCENARIO = `
version: 1
name: run-int
seed: 5
orchestrators:
  - id: orch-a
    region: FRA
    gpus:
      - model: rtx-4090
        count: 2
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 4000, capacity: 4 }]
  - id: orch-b
    region: NYC
    gpus:
      - model: h100-80gb
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 2000, capacity: 4 }]
`;

let dir = '';
let sim: ResultPromise | undefined;
let endpoints: Endpoints;

async function waitForFile(path: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.trim().endsWith('}')) return text;
    if (Date.now() > deadline) throw new Error(`${path} did not appear`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  await ensureSimBuilt();
  dir = await mkdtemp(join(tmpdir(), 'naap-sim-run-'));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  sim = execa(
    process.execPath,
    [
      '--conditions=@naap/source',
      '--import',
      'tsx',
      entry,
      'run',
      '--scenario',
      join(dir, 'scenario.yaml'),
      '--speed',
      '60',
      '--from=-30m',
      '--endpoints-file',
      join(dir, 'endpoints.json'),
    ],
    { env: { NAAP_SIM_STATE_DIR: join(dir, 'state') }, reject: false },
  );
  const started = await waitForFile(join(dir, 'endpoints.json'), 60_000).catch(
    async (err: unknown) => {
      sim?.kill('SIGKILL');
      const r = await sim;
      throw new Error(
        `${(err as Error).message}; naap-sim said: ${String(r?.stderr)} ${String(r?.stdout)}`,
      );
    },
  );
  endpoints = JSON.parse(started) as Endpoints;
}, 120_000);

afterAll(async () => {
  sim?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('naap-sim run', () => {
  it('writes the endpoints of every orchestrator and the gateway', () => {
    expect(endpoints.orchestrators.map((o) => o.id)).toEqual(['orch-a', 'orch-b']);
    for (const o of endpoints.orchestrators) {
      expect(o.address).toMatch(/^0x[0-9a-f]{40}$/);
      expect(o.cliUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(endpoints.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves go-livepeer metrics and signs with the orchestrator key', async () => {
    const o = endpoints.orchestrators[0]!;
    const text = await (await fetch(`${o.cliUrl}/metrics`)).text();
    const names = parsePrometheusTextFormat(text).map((f) => f.name);
    expect(names).toContain('livepeer_versions');
    const res = await fetch(`${o.cliUrl}/signMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'message=hello%20naap',
    });
    const signature = toHex(new Uint8Array(await res.arrayBuffer()));
    expect((await recoverMessageAddress({ message: 'hello naap', signature })).toLowerCase()).toBe(
      o.address,
    );
  });

  it('appends job log lines on the accelerated clock', async () => {
    await new Promise((r) => setTimeout(r, 2500));
    const log = await readFile(endpoints.orchestrators[0]!.jobLog, 'utf8');
    expect(log).toMatch(
      /Processed request id=[0-9a-f]{8} cap=Text to image modelID=stabilityai\/sdxl-turbo took=/,
    );
  });

  it('runs a per-host nvidia-smi that lists that host’s GPUs', async () => {
    const r = await execa(endpoints.orchestrators[0]!.nvidiaSmi, [
      '--query-gpu=uuid,name,utilization.gpu',
      '--format=csv,noheader,nounits',
    ]);
    const rows = r.stdout.trim().split('\n');
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatch(/^GPU-[0-9a-f-]{36}, NVIDIA GeForce RTX 4090, \d{1,3}$/);
  });

  it('routes a gateway job and records it in the truth', async () => {
    const res = await fetch(`${endpoints.gatewayUrl}/text-to-image`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model_id: 'stabilityai/sdxl-turbo',
        prompt: 'a lighthouse',
        width: 64,
        height: 64,
      }),
    });
    expect([200, 500, 503]).toContain(res.status);
    const served = res.headers.get('x-naap-sim-orchestrator');
    if (res.status === 200) expect(endpoints.orchestrators.map((o) => o.address)).toContain(served);
    await new Promise((r) => setTimeout(r, 500));
    const ledger = await readFile(endpoints.ledger, 'utf8');
    expect(ledger.trim().split('\n').length).toBeGreaterThanOrEqual(1);
  });

  it('stops cleanly on SIGTERM', async () => {
    sim?.kill('SIGTERM');
    const result = await sim;
    expect(result?.exitCode).toBe(0);
  }, 20_000);
});
