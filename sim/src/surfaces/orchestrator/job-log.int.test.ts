import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../model/jobs.js';
import { WorkloadActivity } from './activity.js';
import { goDurationFromMs } from './go-duration.js';
import { handlingOf } from './handling.js';
import { JobLog, type JobLogOptions } from './job-log.js';
import { T0, testNetwork, type TestNet } from './test-network.js';

let dir = '';
let net: TestNet;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-joblog-'));
  net = testNetwork();
});
afterEach(async () => {
  await net.engine.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the engine for `minutes`, feeding a JobLog, flushing every simulated minute. */
async function run(
  minutes: number,
  extra: Partial<JobLogOptions> = {},
): Promise<{ log: JobLog; lines: string[] }> {
  const log = new JobLog({
    path: join(dir, 'go-livepeer.log'),
    network: net.network,
    orchestrator: net.orchestrator,
    activity: new WorkloadActivity(net.network, net.orchestrator),
    startMs: T0,
    cliAddr: '127.0.0.1:7935',
    ...extra,
  });
  net.engine.on('job', (j) => {
    if (j.orchestratorId === 'orch-a') log.onJob(j);
  });
  net.engine.on('streamStart', (j) => {
    if (j.orchestratorId === 'orch-a') log.onStreamStart(j);
  });
  for (let m = 1; m <= minutes; m++) {
    net.engine.advanceTo(T0 + m * 60_000);
    await log.flush(net.engine.emittedUntil);
  }
  await log.close(net.engine.emittedUntil);
  return { log, lines: (await readFile(log.path, 'utf8')).trimEnd().split('\n') };
}

const GLOG = /^([IWE])(\d{4}) (\d{2}:\d{2}:\d{2}\.\d{6}) +1 ([\w.]+\.go):(\d+)\] (.*)$/;
const PROCESSED = / Processed request id=([0-9a-f]{8}) cap=(.+) modelID=(\S+) took=(\S+)$/;

const batch = (jobs: JobRecord[], h: string): JobRecord[] =>
  jobs.filter((j) => j.live === null && handlingOf(j) === h);

describe('JobLog (go-livepeer.log)', () => {
  it('writes glog lines only, starting with the start-up banner', async () => {
    const { lines } = await run(10);
    for (const l of lines) expect(l).toMatch(GLOG);
    expect(lines[0]).toMatch(
      /^I0506 14:00:00\.000000 {7}1 starter\.go:537\] \*\*\*Livepeer is running on the arbitrum-one-mainnet network: 0x/,
    );
    expect(lines.some((l) => /\] Node type orch node ID 0x[0-9a-f]{40}-orch-a$/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => l.endsWith('] CLI server listening on 127.0.0.1:7935'))).toBe(true);
  });

  it('has exactly one Processed line per successful batch job, took= in Go duration format', async () => {
    const { lines } = await run(30);
    const processed = lines.map((l) => PROCESSED.exec(l)).filter((m) => m !== null);
    const ok = batch(net.jobs, 'processed');
    expect(ok.length).toBeGreaterThan(100);
    expect(processed).toHaveLength(ok.length);
    const byId = new Map(processed.map((m) => [m[1], m]));
    for (const j of ok) {
      const m = byId.get(j.id);
      expect(m?.[4]).toBe(goDurationFromMs(j.durationMs));
      expect(m?.[2]).toBe(j.pipeline === 'llm' ? 'Llm' : 'Text to image');
      expect(m?.[3]).toBe(j.modelId);
    }
    const sample = lines.find((l) => l.includes(`Processed request id=${ok[0]?.id ?? ''}`)) ?? '';
    expect(sample).toMatch(
      /^I\d{4} [\d:.]+ +1 ai_http\.go:\d+\] manifestID=[0-9a-f]{8} clientIP=203\.0\.113\.\d+ Processed request id=/,
    );
  });

  it('logs failures the go-livepeer way instead of Processed', async () => {
    const { lines } = await run(30);
    const failed = batch(net.jobs, 'processing_error');
    expect(failed.length).toBeGreaterThan(5);
    for (const j of failed) {
      expect(lines.some((l) => l.includes(`Processed request id=${j.id}`))).toBe(false);
      expect(
        lines.some((l) => l.endsWith(`] HTTP Response Error 500: ${j.errorMessage ?? ''}`)),
      ).toBe(true);
    }
    const count = (re: RegExp): number => lines.filter((l) => re.test(l)).length;
    expect(count(/ Error processing with local ai worker err="/)).toBe(
      failed.length +
        net.jobs.filter((j) => j.live !== null && handlingOf(j) === 'processing_error').length,
    );
    expect(
      count(
        /^E.* Insufficient capacity for pipeline=text-to-image modelID=stabilityai\/sdxl-turbo$/,
      ),
    ).toBe(batch(net.jobs, 'capacity').length);
    expect(count(/\] HTTP Response Error 503: insufficient capacity$/)).toBe(
      batch(net.jobs, 'capacity').length,
    );
    expect(
      count(
        / Error receiving ticket sessionID=27_stabilityai\/sdxl-turbo recipientRandHash=[0-9a-f]{64} senderNonce=\d+: /,
      ),
    ).toBe(batch(net.jobs, 'payment').length);
    expect(count(/\] HTTP Response Error 400: json: cannot unmarshal/)).toBe(
      batch(net.jobs, 'bad_request').length,
    );
  });

  it('logs Received and payment lines around each paid job, in time order', async () => {
    const { lines } = await run(30);
    const received = lines.filter((l) => / Received request id=[0-9a-f]{8} cap=/.test(l));
    const arrived = net.jobs.filter(
      (j) => j.live === null && j.startMs > T0 && handlingOf(j) !== 'bad_request',
    );
    expect(received).toHaveLength(arrived.length);
    expect(
      lines.filter((l) => l.includes('Payment tickets processed sessionID=')).length,
    ).toBeGreaterThan(arrived.length * 0.6);
    const times = lines.map((l) => GLOG.exec(l)?.slice(2, 4).join(' ') ?? '');
    expect([...times].sort()).toEqual(times);
  });

  it('logs live streams with key=value Processed lines that carry no request id', async () => {
    const { lines } = await run(30);
    const started = net.streamStarts.filter((j) => handlingOf(j) === 'processed');
    const live = lines.filter((l) =>
      / Processed request cap=Live video to video modelID=streamdiffusion-sdxl took=\S+$/.test(l),
    );
    expect(live).toHaveLength(started.length);
    expect(live[0]).toMatch(
      /clientIP=\S+ request_id=[0-9a-f]{8} manifest_id=[0-9a-f]{8} stream_id=stream-[0-9a-f]{8} Processed/,
    );
  });

  it('hides Received and payment lines below -v 5/6, and logs remote-worker results in remote mode', async () => {
    const { lines } = await run(10, { verbosity: 3, mode: 'remote' });
    expect(lines.some((l) => / Received request id=/.test(l))).toBe(false);
    expect(lines.some((l) => l.includes('Payment tickets processed'))).toBe(false);
    const remote = lines.filter((l) =>
      / Successfully received results from remote worker=[\d.:]+ taskId=\d+ pipeline=\S+ model_id=\S+ dur=\S+/.test(
        l,
      ),
    );
    const reached = net.jobs.filter(
      (j) => j.live === null && ['processed', 'processing_error'].includes(handlingOf(j)),
    );
    expect(remote).toHaveLength(reached.length);
    expect(remote.filter((l) => l.startsWith('E') && l.includes(' err="'))).toHaveLength(
      batch(net.jobs, 'processing_error').length,
    );
  });

  it('rotates like logrotate create mode', async () => {
    const log = new JobLog({
      path: join(dir, 'rot.log'),
      network: net.network,
      orchestrator: net.orchestrator,
      activity: new WorkloadActivity(net.network, net.orchestrator),
      startMs: T0,
      cliAddr: '127.0.0.1:7935',
    });
    net.engine.on('job', (j) => {
      if (j.orchestratorId === 'orch-a') log.onJob(j);
    });
    net.engine.advanceTo(T0 + 5 * 60_000);
    await log.flush(net.engine.emittedUntil);
    await log.rotate();
    net.engine.advanceTo(T0 + 10 * 60_000);
    await log.close(net.engine.emittedUntil);
    const old = await readFile(`${log.path}.1`, 'utf8');
    const current = await readFile(log.path, 'utf8');
    expect(old).toContain('Livepeer Running in Orchestrator Mode');
    expect(current).not.toContain('Livepeer Running in Orchestrator Mode');
    expect(current.length).toBeGreaterThan(0);
  });
});
