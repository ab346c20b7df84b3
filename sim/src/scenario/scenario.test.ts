import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateScenario } from './generate.js';
import { parseScenario, ScenarioError, validateScenario } from './load.js';
import { inOutage, outageMs, resolveScenario } from './resolve.js';

const demoPath = fileURLToPath(new URL('../../scenarios/demo.yaml', import.meta.url));

const minimal = {
  version: 1,
  name: 'tiny',
  seed: 3,
  orchestrators: [
    {
      id: 'orch-a',
      region: 'FRA',
      gpus: [
        {
          model: 'rtx-4090',
          workloads: [{ pipeline: 'text-to-image', model: 'stabilityai/sdxl-turbo' }],
        },
      ],
    },
  ],
};

describe('scenario validation', () => {
  it('accepts a minimal scenario and fills in defaults', () => {
    const n = resolveScenario(validateScenario(minimal));
    const o = n.orchestrators[0];
    expect(o?.serviceUri).toBe('https://orch-a.orch.sim.invalid:8935');
    expect(o?.gpus[0]?.uuid).toMatch(
      /^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(o?.gpus[0]?.workloads[0]?.latency).toEqual({ p50Ms: 900, p95Ms: 1800 });
    expect(o?.gpus[0]?.workloads[0]?.container.name).toBe(
      'text-to-image_stabilityai-sdxl-turbo_8000',
    );
  });

  it('names the field at fault', () => {
    const bad = structuredClone(minimal) as Record<string, unknown>;
    (bad.orchestrators as Record<string, unknown>[])[0] = {
      ...minimal.orchestrators[0],
      region: 'MARS',
    };
    expect(() => validateScenario(bad)).toThrow(/\/orchestrators\/0\/region/);
    expect(() => validateScenario({ ...minimal, colour: 'blue' })).toThrow(ScenarioError);
    expect(() => validateScenario({ ...minimal, orchestrators: [] })).toThrow(/orchestrators/);
    expect(() =>
      validateScenario({
        ...minimal,
        orchestrators: [
          { ...minimal.orchestrators[0], gpus: [{ model: 'voodoo-5', workloads: [] }] },
        ],
      }),
    ).toThrow(/gpus\/0\/model/);
  });

  it('rejects duplicate ids, MIG on a GPU without MIG and reversed outages', () => {
    const twice = {
      ...minimal,
      orchestrators: [minimal.orchestrators[0], minimal.orchestrators[0]],
    };
    expect(() => resolveScenario(validateScenario(twice))).toThrow(/used twice/);
    const mig = structuredClone(minimal);
    (mig.orchestrators[0]!.gpus[0] as Record<string, unknown>).mig = ['1g.10gb'];
    expect(() => resolveScenario(validateScenario(mig))).toThrow(/does not support MIG/);
    const reversed = {
      ...minimal,
      orchestrators: [
        {
          ...minimal.orchestrators[0],
          outages: [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
        },
      ],
    };
    expect(() => resolveScenario(validateScenario(reversed))).toThrow(/not a valid time window/);
  });

  it('survives malformed, truncated, oversized and hostile text', () => {
    expect(() => parseScenario('version: 1\nname: [unclosed')).toThrow(/not valid YAML/);
    expect(() => parseScenario('{"version": 1, "name": "x", "orchestrators": [')).toThrow(
      ScenarioError,
    );
    expect(() => parseScenario('x'.repeat(5 * 1024 * 1024))).toThrow(/larger than/);
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(() => parseScenario(bomb)).toThrow(ScenarioError);
    expect(() => parseScenario('')).toThrow(ScenarioError);
    expect(() => parseScenario('null')).toThrow(ScenarioError);
    expect(() => parseScenario('__proto__: {polluted: true}')).toThrow(ScenarioError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the bundled demo scenario', () => {
  it('has 12+ orchestrators in 6 regions, 30+ GPUs of 5+ models, batch and live, flaky, slow and outage', async () => {
    const network = resolveScenario(parseScenario(await readFile(demoPath, 'utf8')));
    const os = network.orchestrators;
    const physical = new Set(os.flatMap((o) => o.gpus.map((g) => g.mig?.parentUuid ?? g.uuid)));
    expect(os.length).toBeGreaterThanOrEqual(12);
    expect(new Set(os.map((o) => o.region)).size).toBe(6);
    expect(physical.size).toBeGreaterThanOrEqual(30);
    expect(new Set(os.flatMap((o) => o.gpus.map((g) => g.model.key))).size).toBeGreaterThanOrEqual(
      5,
    );
    const kinds = new Set(os.flatMap((o) => o.gpus.flatMap((g) => g.workloads.map((w) => w.kind))));
    expect(kinds).toEqual(new Set(['batch', 'live']));
    expect(os.map((o) => o.behaviour)).toEqual(expect.arrayContaining(['flaky', 'slow', 'outage']));
    expect(os.some((o) => o.gpus.some((g) => g.mig !== null))).toBe(true);
  });

  it('is what the generator writes for its documented command', async () => {
    const fromFile = parseScenario(await readFile(demoPath, 'utf8'));
    expect(fromFile).toEqual(
      validateScenario(
        generateScenario({ orchestrators: 12, regions: 6, seed: 7, name: 'naap-demo' }),
      ),
    );
  });
});

describe('outages', () => {
  it('recurring windows repeat every period', () => {
    const n = resolveScenario(
      validateScenario({
        ...minimal,
        orchestrators: [
          {
            ...minimal.orchestrators[0],
            outages: [{ everyHours: 24, offsetMinutes: 180, durationMinutes: 90 }],
          },
        ],
      }),
    );
    const o = n.orchestrators[0]!;
    const day = Date.parse('2026-11-20T00:00:00Z');
    expect(inOutage(o, day + 179 * 60_000)).toBe(false);
    expect(inOutage(o, day + 180 * 60_000)).toBe(true);
    expect(inOutage(o, day + 269 * 60_000)).toBe(true);
    expect(inOutage(o, day + 270 * 60_000)).toBe(false);
    expect(inOutage(o, day + 86_400_000 + 200 * 60_000)).toBe(true);
    expect(outageMs(o, day + 3 * 3_600_000, day + 4 * 3_600_000)).toBe(3_600_000);
    expect(outageMs(o, day + 4 * 3_600_000, day + 5 * 3_600_000)).toBe(1_800_000);
  });
});
