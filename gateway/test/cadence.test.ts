import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../src/report/sink.js';
import { Runner } from '../src/runner.js';
import { phase, unitKey } from '../src/schedule/plan.js';
import { smallDataset, testCase } from './dataset.js';
import { fakeGateway } from './fake-gateway.js';
import { testConfig } from './harness.js';
import { ManualClock } from './manual-clock.js';

// `run` on a manual clock against a fake gateway: rounds exactly a cadence
// apart, each unit's jobs spread evenly over the round at the unit's own
// phase, cases cycling from round to round.

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const CADENCE_MS = 600_000;
const PER_UNIT = 3;
const TARGETS = [
  '0x1111111111111111111111111111111111111111',
  '0x2222222222222222222222222222222222222222',
  '0x3333333333333333333333333333333333333333',
];
const model = (i: number) => `model-${i}`;

async function setUp() {
  const dir = await mkdtemp(join(tmpdir(), 'naap-gw-cadence-'));
  const file = join(dir, 'targets.json');
  await writeFile(
    file,
    JSON.stringify({
      targets: TARGETS.map((address, i) => ({
        address,
        uri: `https://o${i}.example.com:8935`,
        capabilities: [{ pipeline: 'text-to-image', model: model(i), capacity: 4, warm: true }],
      })),
    }),
  );
  const config = await testConfig({
    pinning: 'static',
    'targets-file': file,
    'gateway-url': 'http://gateway.test:9935',
    'cli-url': '',
    'jobs-per-unit': PER_UNIT,
    'cadence-ms': CADENCE_MS,
  });
  const clock = new ManualClock(T0);
  const gateway = fakeGateway(clock);
  const dataset = await smallDataset([
    testCase('text-to-image', 't2i/a', { prompt: 'a fox', width: 32, height: 32 }),
    testCase('text-to-image', 't2i/b', { prompt: 'a cat', width: 48, height: 32 }),
  ]);
  const sink = new MemorySink();
  const runner = await Runner.create(config, {
    dataset,
    clock,
    fetch: gateway.fetch,
    sink,
    log: pino({ level: 'silent' }),
  });
  return { clock, gateway, sink, runner };
}

describe('run: cadence and spreading', () => {
  it('starts each job at round start + (phase + i) / n × cadence, rounds a cadence apart', async () => {
    const { clock, gateway, sink, runner } = await setUp();
    const abort = new AbortController();
    const running = runner.run(abort.signal);
    await clock.advanceTo(T0 + 3 * CADENCE_MS - 1);
    abort.abort();
    await clock.advanceTo(T0 + 3 * CADENCE_MS);
    await running;
    await runner.close();

    TARGETS.forEach((address, i) => {
      const p = phase(
        unitKey(
          { address, uri: '', capabilities: [] },
          { pipeline: 'text-to-image', model: model(i), capacity: 4, warm: true },
        ),
      );
      const expected = [0, 1, 2].flatMap((round) =>
        Array.from(
          { length: PER_UNIT },
          (_, k) => T0 + round * CADENCE_MS + ((p + k) / PER_UNIT) * CADENCE_MS,
        ),
      );
      const got = gateway.calls.filter((c) => c.model === model(i)).map((c) => c.at);
      expect(got).toHaveLength(expected.length);
      got.forEach((at, k) => {
        expect(at).toBeCloseTo(expected[k]!, 6);
      });
      const cases = sink.records
        .filter((r) => r.orchestratorAddress === address)
        .map((r) => r.caseId);
      expect(cases).toEqual([
        't2i/a',
        't2i/b',
        't2i/a',
        't2i/b',
        't2i/a',
        't2i/b',
        't2i/a',
        't2i/b',
        't2i/a',
      ]);
    });
    expect(sink.records.every((r) => r.outcome === 'success' && r.latencyMs === 1000)).toBe(true);
  });

  it('gives the units different phases', () => {
    const phases = TARGETS.map((address, i) =>
      phase(
        unitKey(
          { address, uri: '', capabilities: [] },
          { pipeline: 'text-to-image', model: model(i), capacity: 4, warm: true },
        ),
      ),
    );
    expect(new Set(phases).size).toBe(TARGETS.length);
    for (const p of phases) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
    }
  });
});
