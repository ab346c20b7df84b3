import type { ChildProcess } from 'node:child_process';
import { ATTR, METRIC } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_EXPOSITION } from '../src/samplers/go-livepeer-metrics/test-fixtures.js';
import {
  finished,
  received,
  samplerView,
  sleep,
  spawnAgent,
  startGoLivepeer,
  startReceiver,
  until,
  type Switchable,
} from './fault-harness.js';

// go-livepeer goes down while the agent runs: the agent counts the failed
// scrapes (naap.agent.sampler.errors), its last success stops moving, its
// other samplers keep reporting, `naap-agent doctor` says what is wrong; when
// go-livepeer is back the agent scrapes it again, without a restart.

/** How long go-livepeer is down. */
const DOWN_MS = 5_000;
const INTERVAL_MS = 500;
const SAMPLER = 'go-livepeer-metrics';

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let livepeer: Switchable;
let agent: ChildProcess | undefined;
let env: Record<string, string> = {};

beforeAll(async () => {
  receiver = await startReceiver();
  livepeer = await startGoLivepeer(GOOD_EXPOSITION);
  env = {
    NAAP_AGENT_COLLECTOR: receiver.url,
    NAAP_AGENT_PROTOCOL: 'json',
    NAAP_AGENT_TOKEN: 'agent-faults-token-0123456789',
    NAAP_AGENT_ADDRESS: `0x${'5a'.repeat(20)}`,
    NAAP_AGENT_URI: 'https://orch.example.com:8935',
    NAAP_AGENT_REGION: 'FRA',
    NAAP_AGENT_SAMPLERS: `host,${SAMPLER}`,
    NAAP_AGENT_GO_LIVEPEER_CLI: livepeer.url,
    NAAP_AGENT_SCRAPE_INTERVAL_MS: String(INTERVAL_MS),
    NAAP_AGENT_SCRAPE_TIMEOUT_MS: '400',
    NAAP_AGENT_HOST_INTERVAL_MS: String(INTERVAL_MS),
    NAAP_AGENT_EXPORT_INTERVAL_MS: String(INTERVAL_MS),
  };
  agent = spawnAgent(env);
}, 60_000);

afterAll(async () => {
  agent?.kill('SIGKILL');
  await livepeer.stop();
  await receiver.stop();
});

describe(`go-livepeer down for ${DOWN_MS / 1000} s`, () => {
  const view = () => samplerView(receiver.points, SAMPLER);
  let downAt = 0;
  let upAt = 0;
  let errorsBefore = 0;
  let successBefore = 0;
  let doctor = { code: 0, out: '' };

  beforeAll(async () => {
    await until('first scrape exported', () => view().lastSuccess() > 0, 60_000);
    await until(
      'containers in use exported',
      () => received(receiver.points, METRIC.containersInUse).length > 0,
      10_000,
    );
    errorsBefore = view().errors();
    await livepeer.stop();
    downAt = Date.now();
    successBefore = view().lastSuccess();
    doctor = await finished(spawnAgent(env, 'doctor'));
    await sleep(Math.max(0, DOWN_MS - (Date.now() - downAt)));
    await livepeer.start();
    upAt = Date.now();
    await until('a scrape after the return', () => view().lastSuccess() * 1000 > upAt, 20_000);
  }, 120_000);

  it('counts the failed scrapes and stops advancing its last success meanwhile', () => {
    expect(view().errors()).toBeGreaterThanOrEqual(errorsBefore + 2);
    const during = received(
      receiver.points,
      METRIC.agentSamplerLastSuccess,
      downAt + 2 * INTERVAL_MS,
      upAt,
    )
      .filter((p) => p.attributes[ATTR.sampler] === SAMPLER)
      .map((p) => p.value);
    expect(during.length).toBeGreaterThan(0);
    expect(Math.max(...during)).toBeLessThanOrEqual(successBefore + INTERVAL_MS / 1000);
  });

  it('keeps its other samplers reporting meanwhile', () => {
    const host = samplerView(
      received(receiver.points, METRIC.agentSamplerLastSuccess, downAt, upAt),
      'host',
    );
    expect(host.lastSuccess() * 1000).toBeGreaterThan(downAt);
    expect(
      received(receiver.points, METRIC.agentHeartbeat, downAt, upAt).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('doctor reports go-livepeer unreachable, with the fix', () => {
    expect(doctor.code).not.toBe(0);
    expect(doctor.out).toMatch(/FAIL\s+go-livepeer \/metrics/);
    expect(doctor.out).toContain('is go-livepeer running?');
  });

  it('scrapes go-livepeer again once it is back, without a restart', async () => {
    await until(
      'containers in use after the return',
      () => received(receiver.points, METRIC.containersInUse, upAt).length > 0,
      10_000,
    );
    expect(agent?.exitCode).toBeNull();
  });
});
