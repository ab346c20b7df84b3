import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSize, parseLogFailures, readSince } from './gateway-log.js';
import {
  diffSnapshots,
  LATENCY_SCORE,
  REQUEST_ERRORS,
  type MetricsSnapshot,
} from './gateway-metrics.js';
import { parseExposition } from './prometheus.js';

const ORCH =
  'orchestrator_uri="https://a.example.com:8935",orchestrator_address="0x3B28A7D785356DC67C7970666747E042305BFB79",orchestrator_version="0.9.1"';

describe('Prometheus exposition', () => {
  it('reads the wanted samples, labels unescaped', () => {
    const text = [
      '# HELP livepeer_ai_request_latency_score AI request latency score',
      '# TYPE livepeer_ai_request_latency_score gauge',
      `livepeer_ai_request_latency_score{model_name="m",node_id="gw",${ORCH},pipeline="text-to-image"} 0.0125`,
      'livepeer_ai_request_errors{error_code="say \\"no\\"\\nnow",model_name="m",pipeline="llm"} 3 1700000000000',
      'livepeer_versions{livepeerversion="0.9.1"} 1',
    ].join('\n');
    const samples = parseExposition(text, new Set([LATENCY_SCORE, REQUEST_ERRORS]));
    expect(samples).toHaveLength(2);
    expect(samples[0]?.labels['orchestrator_address']).toBe(
      '0x3B28A7D785356DC67C7970666747E042305BFB79',
    );
    expect(samples[0]?.value).toBe(0.0125);
    expect(samples[1]?.labels['error_code']).toBe('say "no"\nnow');
    expect(samples[1]?.value).toBe(3);
  });

  it('skips malformed lines', () => {
    const wanted = new Set(['m']);
    const lines = [
      'm{a="1"',
      'm{a=1} 2',
      'm{="x"} 1',
      'm{a="1"} NaNx',
      'm{a="1"}',
      'm{a="\\',
      'm 5',
      `m{${Array.from({ length: 40 }, (_, i) => `l${i}="x"`).join(',')}} 1`,
    ];
    expect(parseExposition(lines.join('\n'), wanted)).toEqual([
      { name: 'm', labels: {}, value: 5 },
    ]);
  });
});

describe('gateway /metrics evidence', () => {
  const snap = (lines: string[]): MetricsSnapshot => ({
    series: new Map(
      parseExposition(lines.join('\n'), new Set([LATENCY_SCORE, REQUEST_ERRORS])).map((s, i) => [
        String(i),
        s,
      ]),
    ),
  });

  it('names the orchestrator whose latency score moved, and failed attempts per orchestrator', () => {
    const before = snap([
      `${LATENCY_SCORE}{model_name="m",${ORCH}} 0.5`,
      `${REQUEST_ERRORS}{error_code="dial tcp: connection refused",model_name="m",${ORCH}} 1`,
    ]);
    const after = snap([
      `${LATENCY_SCORE}{model_name="m",${ORCH}} 0.7`,
      `${REQUEST_ERRORS}{error_code="dial tcp: connection refused",model_name="m",${ORCH}} 2`,
      `${LATENCY_SCORE}{model_name="other",${ORCH}} 0.9`,
    ]);
    const d = diffSnapshots(before, after, 'm');
    expect(d.served).toEqual([
      { address: '0x3b28a7d785356dc67c7970666747e042305bfb79', uri: 'https://a.example.com:8935' },
    ]);
    expect(d.failures).toEqual([
      {
        address: '0x3b28a7d785356dc67c7970666747e042305bfb79',
        uri: 'https://a.example.com:8935',
        message: 'dial tcp: connection refused',
      },
    ]);
    expect(diffSnapshots(after, after, 'm')).toEqual({ served: [], failures: [] });
  });
});

describe('gateway log evidence', () => {
  it("reads go-livepeer's failed attempts for one model", () => {
    const text = [
      'I1127 13:00:00.000000       1 ai_process.go:1597] request_id=ab12cd34 capability=Text to image model_id=m Error submitting request modelID=m try=1 orch=https://a.example.com:8935 err=CUDA out of memory',
      'I1127 13:00:01.000000       1 ai_process.go:1597] Error submitting request modelID=other try=1 orch=https://b:8935 err=x',
      'I1127 13:00:02.000000       1 ai_process.go:1545] Processed AI request model_id=m took=1.2s',
      'garbage Error submitting request modelID=m',
    ].join('\n');
    expect(parseLogFailures(text, 'm')).toEqual([
      { uri: 'https://a.example.com:8935', message: 'CUDA out of memory' },
    ]);
  });

  it('reads what was appended since an offset, from the start after a rotation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naap-gw-log-'));
    const path = join(dir, 'gateway.log');
    expect(await fileSize(path)).toBeNull();
    expect(await readSince(path, 0)).toBe('');
    await writeFile(path, 'old line\n');
    const offset = (await fileSize(path)) ?? 0;
    await appendFile(path, 'new line\n');
    expect(await readSince(path, offset)).toBe('new line\n');
    await writeFile(path, 'x\n');
    expect(await readSince(path, offset)).toBe('x\n');
  });
});
