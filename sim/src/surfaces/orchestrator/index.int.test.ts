import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { recoverMessageAddress, toHex } from 'viem';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../model/jobs.js';
import { handlingOf } from './handling.js';
import { startOrchestratorSurfaces, type OrchestratorSurfaces } from './index.js';
import { T0, testNetwork, type TestNet } from './test-network.js';

let dir = '';
let net: TestNet;
let surfaces: OrchestratorSurfaces;
const otherJobs: JobRecord[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-orch-surfaces-'));
  net = testNetwork();
  net.engine.on('job', (j) => {
    if (j.orchestratorId !== 'orch-a') otherJobs.push(j);
  });
  surfaces = await startOrchestratorSurfaces(net.ctx(dir), net.orchestrator, {
    flushIntervalMs: 20,
  });
});
afterEach(async () => {
  await surfaces.close();
  await net.engine.stop();
  await rm(dir, { recursive: true, force: true });
});

const scrape = async () => {
  const res = await fetch(`${surfaces.cliUrl}/metrics`);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusTextFormat(await res.text());
};

describe('startOrchestratorSurfaces', () => {
  it('binds 127.0.0.1 on ephemeral ports and lays out the host directory', async () => {
    expect(surfaces.cliUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(surfaces.jobLogPath).toBe(join(dir, 'hosts', 'orch-a', 'go-livepeer.log'));
    expect(surfaces.runnerLogDir).toBe(join(dir, 'hosts', 'orch-a', 'runners'));
    expect(surfaces.runners.map((r) => r.pipeline)).toEqual([
      'text-to-image',
      'llm',
      'live-video-to-video',
    ]);
    for (const r of surfaces.runners) {
      expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${r.url}/health`)).json()) as { status: string };
      expect(['OK', 'IDLE', 'LOADING']).toContain(health.status);
    }
  });

  it('serves metrics that appear on first use and count the engine’s jobs for this orchestrator', async () => {
    const before = await scrape();
    expect(before.find((f) => f.name === 'livepeer_ai_models_requested')).toBeUndefined();
    net.engine.advanceTo(T0 + 15 * 60_000);
    const after = await scrape();
    const requested = after.find((f) => f.name === 'livepeer_ai_models_requested');
    expect(requested?.type).toBe('COUNTER');
    const total = (requested?.metrics ?? []).reduce((s, m) => s + Number(m.value), 0);
    expect(total).toBe(
      net.jobs.filter((j) => j.live === null && handlingOf(j) === 'processed').length,
    );
    expect(otherJobs.length).toBeGreaterThan(0);
  });

  it('signs over HTTP with the orchestrator key', async () => {
    const res = await fetch(`${surfaces.cliUrl}/signMessage`, {
      method: 'POST',
      body: new URLSearchParams({ message: 'prove it' }),
    });
    expect(res.status).toBe(200);
    const sig = new Uint8Array(await res.arrayBuffer());
    expect(sig).toHaveLength(65);
    const signer = await recoverMessageAddress({ message: 'prove it', signature: toHex(sig) });
    expect(signer.toLowerCase()).toBe(net.orchestrator.address);
    const bad = await fetch(`${surfaces.cliUrl}/signMessage`, { method: 'POST' });
    expect(bad.status).toBe(400);
  });

  it('writes the job log and runner logs as time passes, flushing on close', async () => {
    net.engine.advanceTo(T0 + 20 * 60_000);
    await surfaces.flush();
    const mid = await readFile(surfaces.jobLogPath, 'utf8');
    expect(mid).toContain('Processed request id=');
    await surfaces.rotateJobLog();
    net.engine.advanceTo(T0 + 25 * 60_000);
    await surfaces.close();
    const text =
      (await readFile(`${surfaces.jobLogPath}.1`, 'utf8')) +
      (await readFile(surfaces.jobLogPath, 'utf8'));
    const processed = text.split('\n').filter((l) => / Processed request id=/.test(l));
    expect(processed).toHaveLength(
      net.jobs.filter((j) => j.live === null && handlingOf(j) === 'processed').length,
    );
    for (const j of otherJobs.slice(0, 20)) expect(text).not.toContain(`id=${j.id} `);
    const files = (await readdir(surfaces.runnerLogDir)).sort();
    expect(files).toEqual(
      net.orchestrator.gpus
        .flatMap((g) => g.workloads.map((w) => `${w.container.name}.log`))
        .sort(),
    );
    await expect(fetch(`${surfaces.cliUrl}/status`)).rejects.toThrow();
  });
});
