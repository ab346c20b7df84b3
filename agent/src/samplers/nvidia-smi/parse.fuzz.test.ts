/**
 * Fuzzing the nvidia-smi parsers with ≥ 10 000 seeded inputs each: random
 * text and mutations of real captures (this folder's fixtures and the public
 * captures of ../shared/fixtures/nvidia-smi). They never throw; what they
 * return is well-formed (UUID-keyed readings, finite numbers, counted
 * rejections); the streaming splitter holds bounded memory whatever the
 * chunking; and the slowest input stays far below a second.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fuzzCase,
  HANG_MS,
  int,
  mutateTextN,
  pick,
  randomInput,
  rng,
  tally,
} from '../../test-fuzz.js';
import { parseComputeApps } from './compute-apps.js';
import { LEGACY_QUERY_FIELDS, QUERY_FIELDS } from './fields.js';
import { LineSplitter, MAX_LINE_CHARS } from './lines.js';
import { GpuLineParser, parseGpuOutput } from './parse.js';

const CASES = 10_000;
const HERE = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SHARED = fileURLToPath(
  new URL('../../../../../shared/fixtures/nvidia-smi/', import.meta.url),
);

function csvFiles(dir: string, match: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile() && match(p))
    .map((p) => readFileSync(p, 'utf8'));
}

const GPU_CAPTURES = [
  ...csvFiles(HERE, (p) => p.endsWith('.csv')),
  ...csvFiles(SHARED, (p) => p.endsWith('.csv') && !p.includes('compute-apps')),
];
/** Real `--query-compute-apps` captures, cut to the four fields the agent queries. */
const APP_CAPTURES = [
  ...csvFiles(SHARED, (p) => p.endsWith('.csv') && p.includes('compute-apps')).map((text) =>
    text
      .split('\n')
      .map((l) => l.split(', ').slice(4).join(', '))
      .join('\n'),
  ),
  'gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n' +
    'GPU-b1028956-cfa2-0990-bf4a-5da9abb51763, 4242, /usr/bin/python3, 20480 MiB\n' +
    'GPU-2ff89c63-5eda-ba91-2e79-1bdadd4bb265, 17, C:\\Program Files\\x, y.exe, [N/A]\n',
];
const UUID = /^(GPU|MIG)-/i;

function checkReadings(readings: readonly Record<string, unknown>[]): void {
  for (const r of readings) {
    if (typeof r['uuid'] !== 'string' || !UUID.test(r['uuid']))
      throw new Error('reading without a GPU UUID');
    for (const [k, v] of Object.entries(r))
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${k} is ${v}`);
  }
}

describe('nvidia-smi --query-gpu parser under fuzzing', () => {
  it(`survives ${CASES} whole outputs and their lines, well-formed`, { timeout: 60_000 }, () => {
    expect(GPU_CAPTURES.length).toBeGreaterThanOrEqual(4);
    const next = rng(7001);
    const t = tally();
    let readings = 0;
    let rejected = 0;
    for (let i = 0; i < CASES; i++) {
      const text =
        next() < 0.1
          ? randomInput(next, 3000)
          : mutateTextN(pick(next, GPU_CAPTURES), next, GPU_CAPTURES);
      const fields = pick(next, [
        QUERY_FIELDS,
        LEGACY_QUERY_FIELDS,
        ['uuid', 'name', 'utilization.gpu'],
      ]);
      fuzzCase(t, `case ${i} (seed 7001)`, text.length, () => {
        const out = parseGpuOutput(text, fields);
        checkReadings(out.readings as unknown as Record<string, unknown>[]);
        if (out.rejected < 0) throw new Error('negative rejection count');
        readings += out.readings.length;
        rejected += out.rejected;
        // The same text line by line through the streaming parser.
        const parser = new GpuLineParser(fields);
        for (const line of text.split('\n').slice(0, 50)) {
          const r = parser.parse(line);
          if (r.kind === 'reading')
            checkReadings([r.reading as unknown as Record<string, unknown>]);
        }
      });
    }
    expect(t.cases).toBe(CASES);
    expect(readings).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(t.slowestMs).toBeLessThan(HANG_MS);
    console.info(`nvidia-smi query-gpu fuzz: ${JSON.stringify({ ...t, readings, rejected })}`);
  });
});

describe('nvidia-smi --query-compute-apps parser under fuzzing', () => {
  it(`survives ${CASES} outputs`, { timeout: 60_000 }, () => {
    const corpus = APP_CAPTURES;
    const next = rng(7002);
    const t = tally();
    let apps = 0;
    for (let i = 0; i < CASES; i++) {
      const text =
        next() < 0.1 ? randomInput(next, 2000) : mutateTextN(pick(next, corpus), next, corpus);
      fuzzCase(t, `case ${i} (seed 7002)`, text.length, () => {
        const out = parseComputeApps(text);
        for (const a of out.apps) {
          if (!Number.isSafeInteger(a.pid) || a.pid < 0) throw new Error(`pid ${a.pid}`);
          if (a.usedMemoryBytes !== undefined && !Number.isFinite(a.usedMemoryBytes))
            throw new Error('memory not finite');
        }
        apps += out.apps.length;
      });
    }
    expect(apps).toBeGreaterThan(CASES / 10);
    expect(t.slowestMs).toBeLessThan(HANG_MS);
    console.info(`nvidia-smi compute-apps fuzz: ${JSON.stringify({ ...t, apps })}`);
  });
});

describe('nvidia-smi stream splitter under fuzzing', () => {
  it(`holds bounded memory over ${CASES} randomly chunked streams`, { timeout: 60_000 }, () => {
    const next = rng(7003);
    const t = tally();
    for (let i = 0; i < CASES; i++) {
      const text = mutateTextN(pick(next, GPU_CAPTURES), next, GPU_CAPTURES);
      fuzzCase(t, `case ${i} (seed 7003)`, text.length, () => {
        let longest = 0;
        const splitter = new LineSplitter(
          { line: (l) => (longest = Math.max(longest, l.length)), oversize: () => undefined },
          1024,
        );
        for (let at = 0; at < text.length;) {
          const size = 1 + int(next, 700);
          splitter.push(text.slice(at, at + size));
          at += size;
        }
        const last = splitter.end();
        if (longest > 1024 || (last?.length ?? 0) > 1024) throw new Error('a line past the bound');
      });
    }
    expect(MAX_LINE_CHARS).toBeGreaterThan(1024);
    expect(t.slowestMs).toBeLessThan(HANG_MS);
    console.info(`nvidia-smi splitter fuzz: ${JSON.stringify(t)}`);
  });
});
