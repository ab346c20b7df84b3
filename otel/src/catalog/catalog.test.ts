import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES, ATTR, normalizeAddress, RESOURCE_ATTRIBUTES } from './attributes.js';
import { DERIVED_METRICS } from './derived.js';
import { EVENT } from './events.js';
import { withCatalog } from './markdown.js';
import { METRIC, METRICS, metricDef } from './metrics.js';
import { isSource } from './sources.js';
import { apiUnitOf, isUnit, toApiValue } from './units.js';

const allNames = [...METRICS.map((m) => m.name), ...DERIVED_METRICS.map((m) => m.name)];
const attributeNames = new Set<string>(ATTRIBUTES.map((a) => a.name));

describe('the metric catalog cannot drift', () => {
  it('has no two entries with the same name', () => {
    const seen = new Set<string>();
    const duplicates = allNames.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
    expect(duplicates).toEqual([]);
  });

  it('gives every metric a known unit, a description and at least one source', () => {
    for (const m of [...METRICS, ...DERIVED_METRICS]) {
      expect(isUnit(m.unit), `${m.name} unit ${m.unit}`).toBe(true);
      expect(m.description.trim().length, `${m.name} description`).toBeGreaterThan(10);
      expect(m.sources.length, `${m.name} sources`).toBeGreaterThan(0);
      for (const s of m.sources) expect(isSource(s), `${m.name} source ${s}`).toBe(true);
    }
  });

  it('lists every METRIC constant in the catalog exactly once', () => {
    expect(METRICS.map((m) => m.name).sort()).toEqual(Object.values(METRIC).sort());
  });

  it('allows only attributes the attribute catalog defines', () => {
    for (const m of METRICS) {
      for (const a of m.attributes) expect(attributeNames.has(a), `${m.name}: ${a}`).toBe(true);
    }
    expect(ATTRIBUTES.map((a) => a.name).sort()).toEqual(Object.values(ATTR).sort());
  });

  it('derives only from catalogued instruments, through a named formula', () => {
    for (const d of DERIVED_METRICS) {
      expect(d.inputs.length, d.name).toBeGreaterThan(0);
      for (const i of d.inputs) expect(metricDef(i), `${d.name} ← ${i}`).toBeDefined();
      expect(d.formula.length, d.name).toBeGreaterThan(3);
    }
  });

  it('follows the naming rules', () => {
    for (const n of allNames) expect(n).toMatch(/^(hw|system|livepeer|naap)\.[a-z0-9_.]+$/);
    for (const a of ATTRIBUTES) expect(a.name).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
  });
});

describe('public contract names', () => {
  it('keeps the exact names external checks depend on', () => {
    const expected: Record<string, [string, string]> = {
      'hw.gpu.utilization': ['gauge', '1'],
      'hw.gpu.memory.usage': ['gauge', 'By'],
      'hw.gpu.memory.limit': ['gauge', 'By'],
      'naap.gpu.memory_bandwidth.utilization': ['gauge', '1'],
      'naap.gpu.temperature': ['gauge', 'Cel'],
      'naap.gpu.power.draw': ['gauge', 'W'],
      'naap.gpu.power.limit': ['gauge', 'W'],
      'naap.gpu.clock.sm': ['gauge', 'MHz'],
      'naap.gpu.clock.sm.max': ['gauge', 'MHz'],
      'naap.gpu.cue': ['gauge', '1'],
      'livepeer.ai.job.duration': ['histogram', 's'],
      'livepeer.ai.jobs': ['counter', '{job}'],
    };
    for (const [name, [instrument, unit]] of Object.entries(expected)) {
      const def = metricDef(name);
      expect(def, name).toBeDefined();
      expect([def?.instrument, def?.unit], name).toEqual([instrument, unit]);
    }
    expect(metricDef(METRIC.gpuCue)?.attributes).toContain('naap.cue.source');
    for (const gpuMetric of ['hw.gpu.utilization', 'naap.gpu.temperature']) {
      expect(metricDef(gpuMetric)?.attributes).toEqual(
        expect.arrayContaining(['hw.id', 'hw.model', 'hw.vendor']),
      );
    }
    expect(metricDef(METRIC.jobDuration)?.attributes).toEqual(
      expect.arrayContaining(['livepeer.pipeline', 'livepeer.model_id', 'naap.outcome']),
    );
    expect(RESOURCE_ATTRIBUTES).toEqual(
      expect.arrayContaining([
        'livepeer.orchestrator.address',
        'livepeer.orchestrator.uri',
        'livepeer.region',
        'service.name',
        'service.version',
        'host.name',
      ]),
    );
    expect(EVENT.testloadJob).toBe('naap.testload.job');
  });
});

describe('units', () => {
  it('converts to the canonical API unit', () => {
    expect(apiUnitOf('s')).toEqual({ unit: 'ms', scale: 1000 });
    expect(toApiValue('s', 1.234567)).toBeCloseTo(1234.567, 9);
    expect(toApiValue('{gwei}', 2_000_000_000)).toBeCloseTo(2, 12);
    expect(apiUnitOf('By')).toEqual({ unit: 'By', scale: 1 });
  });
});

describe('addresses', () => {
  it('normalises to lower case and rejects non-addresses', () => {
    expect(normalizeAddress(' 0x3B28A7D785356DC67C7970666747E042305BFB79 ')).toBe(
      '0x3b28a7d785356dc67c7970666747e042305bfb79',
    );
    expect(normalizeAddress('0x123')).toBeNull();
    expect(normalizeAddress('3b28a7d785356dc67c7970666747e042305bfb79')).toBeNull();
    expect(normalizeAddress('0xzz28a7d785356dc67c7970666747e042305bfb79')).toBeNull();
  });
});

describe('package README', () => {
  it('documents the current catalog (run `pnpm --filter @naap/otel gen:readme`)', async () => {
    const path = fileURLToPath(new URL('../../README.md', import.meta.url));
    const readme = await readFile(path, 'utf8');
    expect(withCatalog(readme) === readme).toBe(true);
  });
});
