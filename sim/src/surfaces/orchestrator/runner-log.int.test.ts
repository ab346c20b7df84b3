import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkloadActivity } from './activity.js';
import { handlingOf } from './handling.js';
import { liveIdsOf } from './identity.js';
import { RunnerLogs } from './runner-log.js';
import { inputFpsOf } from './runner-lines.js';
import { T0, testNetwork, type TestNet } from './test-network.js';

let dir = '';
let net: TestNet;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-runnerlog-'));
  net = testNetwork();
});
afterEach(async () => {
  await net.engine.stop();
  await rm(dir, { recursive: true, force: true });
});

const PY =
  /^timestamp=\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} level=(INFO|WARNING|ERROR) location=[\w.]+:\d+:\w+ gateway_request_id=(\S*) manifest_id=(\S*) stream_id=(\S*) message=(.*)$/;

async function run(
  minutes: number,
): Promise<{ logs: RunnerLogs; read: (pipeline: string) => Promise<string[]> }> {
  const activity = new WorkloadActivity(net.network, net.orchestrator);
  const logs = new RunnerLogs(dir, activity, T0);
  net.engine.on('job', (j) => {
    if (j.orchestratorId === 'orch-a') logs.onJob(j);
  });
  net.engine.on('streamStart', (j) => {
    if (j.orchestratorId === 'orch-a') logs.onStreamStart(j);
  });
  net.engine.on('fps', (j, s) => {
    if (j.orchestratorId === 'orch-a') logs.onFps(j, s);
  });
  for (let m = 1; m <= minutes; m++) {
    net.engine.advanceTo(T0 + m * 60_000);
    await logs.flush();
  }
  await logs.close();
  const read = async (pipeline: string): Promise<string[]> => {
    const c = activity.containers.find((x) => x.workload.pipeline === pipeline);
    const path = logs.pathOf(c?.workload.container.name ?? '') ?? '';
    return (await readFile(path, 'utf8')).trimEnd().split('\n');
  };
  return { logs, read };
}

describe('RunnerLogs', () => {
  it('writes one Input FPS and one Output FPS line per FPS sample, in ai-runner format', async () => {
    const { read } = await run(30);
    const lines = await read('live-video-to-video');
    const out = lines
      .map((l) => PY.exec(l))
      .filter((m) => m?.[5]?.startsWith('Output FPS: ') === true);
    const inp = lines
      .map((l) => PY.exec(l))
      .filter((m) => m?.[5]?.startsWith('Input FPS: ') === true);
    const samples = net.fps.filter(([, s]) => s.fps > 0);
    expect(samples.length).toBeGreaterThan(50);
    expect(out).toHaveLength(samples.length);
    expect(inp).toHaveLength(net.fps.length);
    const expected = samples.map(([j, s]) => `${j.id} Output FPS: ${s.fps.toFixed(2)}`).sort();
    expect(out.map((m) => `${m?.[3] ?? ''} ${m?.[5] ?? ''}`).sort()).toEqual(expected);
    const [job, sample] = net.fps[0] ?? [];
    if (job === undefined || sample === undefined) throw new Error('no fps');
    const ids = liveIdsOf(job);
    const stamp = new Date(Math.floor(sample.atMs)).toISOString().slice(0, 19).replace('T', ' ');
    expect(lines).toContain(
      `timestamp=${stamp} level=INFO location=process_guardian.py:233:_monitor_loop ` +
        `gateway_request_id=${ids.gatewayRequestId} manifest_id=${job.id} stream_id=${ids.streamId} ` +
        `message=Input FPS: ${inputFpsOf(job, sample).toFixed(2)}`,
    );
  });

  it('logs stream starts and ends, and uvicorn start-up', async () => {
    const { read } = await run(30);
    const lines = await read('live-video-to-video');
    expect(lines).toContain(
      'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)',
    );
    const started = net.streamStarts.filter((j) => handlingOf(j) === 'processed');
    expect(lines.filter((l) => l.endsWith('message=Stream started successfully'))).toHaveLength(
      started.length,
    );
    const ended = net.jobs.filter((j) => j.live !== null && handlingOf(j) === 'processed');
    expect(lines.filter((l) => l.endsWith('message=Ingress loop ended'))).toHaveLength(
      ended.length,
    );
  });

  it('logs an access line per request that reached a batch runner', async () => {
    const { read } = await run(20);
    const lines = await read('text-to-image');
    const reached = net.jobs.filter(
      (j) =>
        j.pipeline === 'text-to-image' && ['processed', 'processing_error'].includes(handlingOf(j)),
    );
    const access = lines.filter((l) =>
      /^INFO: {5}172\.17\.0\.1:\d+ - "POST \/text-to-image HTTP\/1\.1" (200 OK|500 Internal Server Error)$/.test(
        l,
      ),
    );
    expect(access).toHaveLength(reached.length);
    expect(access.filter((l) => l.endsWith('500 Internal Server Error'))).toHaveLength(
      reached.filter((j) => handlingOf(j) === 'processing_error').length,
    );
  });
});
