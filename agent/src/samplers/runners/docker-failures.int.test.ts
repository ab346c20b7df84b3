import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WARN,
  eventually,
  testConfig,
  testContext,
  testMetrics,
} from '../go-livepeer-metrics/test-support.js';
import { RunnersSampler } from './sampler.js';

let dir = '';
let psFile = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-docker-'));
  psFile = join(dir, 'ps.jsonl');
  // A live runner whose HTTP port nothing listens on.
  await writeFile(
    psFile,
    `${JSON.stringify({
      ID: 'b'.repeat(64),
      Labels: 'creator=ai-worker',
      Names: 'live-video-to-video_streamdiffusion-sdxl_8900',
      Ports: '127.0.0.1:1->8000/tcp',
      State: 'running',
    })}\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function started(dockerPath: string) {
  const metrics = testMetrics();
  const config = testConfig({ runners: { intervalMs: 3_600_000, docker: dockerPath } });
  const { ctx, logs } = testContext(config, metrics.meter);
  const sampler = new RunnersSampler({ httpTimeoutMs: 500 });
  await sampler.start(ctx);
  await sampler.runOnce();
  return { metrics, sampler, logs };
}

describe('RunnersSampler without a usable docker', () => {
  const script = async (name: string, body: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  };

  it.each([
    ['missing', () => Promise.resolve(join(dir, 'no-such-docker'))],
    [
      'permission denied',
      () =>
        script(
          'docker-denied',
          `echo 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/containers/json": dial unix /var/run/docker.sock: connect: permission denied' >&2; exit 1`,
        ),
    ],
  ])('docker %s: one warning, then idle', async (_name, make) => {
    const { metrics, sampler, logs } = await started(await make());
    try {
      await sampler.runOnce();
      await sampler.runOnce();
      expect(sampler.snapshot()).toMatchObject({ docker: 'unavailable', containers: [] });
      expect(logs.filter((l) => l.level === WARN)).toHaveLength(1);
      expect(sampler.health()).toMatchObject({ runs: 3, errors: 3 });
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('docker logs failing: one warning per container, retried each interval', async () => {
    const path = await script(
      'docker-nologs',
      `case "$1" in ps) cat '${psFile}' ;; *) echo 'Error response from daemon: No such container: x' >&2; exit 1 ;; esac`,
    );
    const { metrics, sampler, logs } = await started(path);
    try {
      await eventually(() => sampler.runners().every((r) => !r.followingLog));
      await sampler.runOnce();
      await eventually(() => sampler.runners().every((r) => !r.followingLog));
      await sampler.runOnce();
      const warnings = logs.filter((l) => l.level === WARN);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.['error']).toBe(
        'docker logs: Error response from daemon: No such container: x',
      );
      expect(sampler.snapshot().docker).toBe('ok');
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('garbage from docker ps: no runners, no crash', async () => {
    const path = await script(
      'docker-garbage',
      `head -c 20000 /dev/urandom; echo; echo '{"ID": 1}'`,
    );
    const { metrics, sampler } = await started(path);
    try {
      expect(sampler.snapshot()).toMatchObject({ docker: 'ok', containers: [] });
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('a hanging docker is cut at the timeout', async () => {
    const path = await script('docker-hang', 'exec sleep 30');
    const metrics = testMetrics();
    const config = testConfig({ runners: { intervalMs: 3_600_000, docker: path } });
    const { ctx } = testContext(config, metrics.meter);
    const sampler = new RunnersSampler({ dockerTimeoutMs: 300 });
    await sampler.start(ctx);
    const t0 = Date.now();
    await sampler.runOnce();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(sampler.snapshot()).toMatchObject({ docker: 'error' });
    expect(sampler.snapshot().lastError).toMatch(/timed out/);
    await sampler.stop();
    await metrics.shutdown();
  });
});
