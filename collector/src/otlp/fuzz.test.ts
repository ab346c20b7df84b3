/**
 * Whatever the bytes, the decoders return or throw a DecodeError: never a
 * RangeError, TypeError or stack overflow, and never hang. Random bodies and
 * mutations (flips, cuts, splices, duplications) of real bodies, seeded so a
 * failure replays.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import { DecodeError } from './model.js';
import { decodeLogsProtobuf } from './proto-logs.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import {
  bytes,
  concat,
  double,
  fixed32,
  fixed64,
  kv,
  packedDouble,
  packedFixed64,
  packedVarint,
  sfixed64,
  sint32,
  str,
  sub,
  varint,
} from './test-wire.js';

const CAPTURES = new URL(
  '../../../../shared/fixtures/otlp/captured-opentelemetry-js/',
  import.meta.url,
);

/** mulberry32: a tiny seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const times = [fixed64(2, 1_700_000_000_000_000_000n), fixed64(3, 1_700_000_000_100_000_000n)];

/** A metrics request using every message and encoding the decoder knows. */
const RICH_METRICS = sub(
  1,
  sub(1, kv(1, 'service.name', 'svc'), kv(1, 'n', 3), kv(1, 'r', 0.5), kv(1, 'b', true)),
  sub(
    2,
    sub(1, str(1, 'lib'), str(2, '1')),
    sub(
      2,
      str(1, 'g'),
      sub(5, sub(1, ...times, double(4, 1), kv(7, 'a', 'x'), sub(5, double(3, 1)))),
    ),
    sub(2, str(1, 's'), sub(7, sub(1, ...times, sfixed64(6, -3)), varint(2, 2), varint(3, 1))),
    sub(
      2,
      str(1, 'h'),
      sub(
        9,
        sub(1, ...times, fixed64(4, 3), packedFixed64(6, [1, 2]), packedDouble(7, [1])),
        varint(2, 1),
      ),
    ),
    sub(
      2,
      str(1, 'e'),
      sub(
        10,
        sub(1, ...times, sint32(6, 2), sub(8, sint32(1, -1), packedVarint(2, [1, 2, 3]))),
        varint(2, 2),
      ),
    ),
    sub(
      2,
      str(1, 'q'),
      sub(11, sub(1, ...times, fixed64(4, 1), sub(6, double(1, 0.5), double(2, 1)))),
    ),
  ),
  str(3, 'https://schema'),
);

const RICH_LOGS = sub(
  1,
  sub(1, kv(1, 'service.name', 'svc')),
  sub(
    2,
    sub(1, str(1, 'lg')),
    sub(
      2,
      fixed64(1, 1n),
      varint(2, 9),
      str(3, 'INFO'),
      sub(5, sub(6, kv(1, 'k', sub(5, sub(1, str(1, 'v')), sub(1, varint(3, 1)))))),
      kv(6, 'a', 1.25),
      fixed32(8, 1),
      bytes(9, new Uint8Array(16).fill(1)),
      bytes(10, new Uint8Array(8).fill(2)),
      str(12, 'evt'),
    ),
  ),
);

/** This folder's seed (`fixtures/capture.ts`), and the shared captures when present. */
function capturedBodies(): Uint8Array[] {
  const own = new Uint8Array(readFileSync(new URL('./fixtures/sdk-metrics.pb', import.meta.url)));
  if (!existsSync(CAPTURES)) return [own];
  const names = ['http-protobuf__none__cumulative.body', 'http-protobuf__gzip__delta.decoded.pb'];
  return [own, ...names.map((n) => new Uint8Array(readFileSync(new URL(n, CAPTURES))))];
}

/** Runs `decode`; fails the test on anything thrown but a DecodeError of the decoders' own. */
function survives(decode: () => unknown, label: string): 'ok' | 'error' {
  try {
    decode();
    return 'ok';
  } catch (err) {
    // The guard's catch-all is a safety net: the decoders' own checks should come first.
    if (err instanceof DecodeError && !err.message.startsWith('malformed request')) return 'error';
    throw new Error(`${label}: ${String(err)}`, { cause: err });
  }
}

function mutate(body: Uint8Array, next: () => number): Uint8Array {
  const at = Math.floor(next() * body.length);
  const out = Uint8Array.from(body);
  switch (Math.floor(next() * 5)) {
    case 0: // flip random bits in up to 4 bytes
      for (let i = 0; i < 1 + next() * 4; i++) {
        const j = Math.floor(next() * out.length);
        out[j] = (out[j] ?? 0) ^ (1 << Math.floor(next() * 8));
      }
      return out;
    case 1: // set a byte to a boundary value
      out[at] = [0x00, 0x7f, 0x80, 0xff, 0x0a, 0x12][Math.floor(next() * 6)] ?? 0;
      return out;
    case 2: // cut
      return out.subarray(0, at);
    case 3: // duplicate a slice in place
      return concat(out.subarray(0, at), out.subarray(at, at + 1 + next() * 32), out.subarray(at));
    default: // splice random bytes
      return concat(out.subarray(0, at), randomBytes(next, 1 + next() * 8), out.subarray(at + 1));
  }
}

function randomBytes(next: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length: Math.floor(length) }, () => Math.floor(next() * 256));
}

describe('protobuf fuzzing', () => {
  const metricsBodies = [RICH_METRICS, ...capturedBodies()];

  it('truncation at every byte offset of real bodies is a DecodeError', () => {
    for (const [decode, body] of [
      ...metricsBodies.map((b) => [decodeMetricsProtobuf, b] as const),
      [decodeLogsProtobuf, RICH_LOGS] as const,
    ]) {
      expect(decode(body)).toBeDefined();
      for (let n = 1; n < body.length; n++) {
        expect(survives(() => decode(body.subarray(0, n)), `cut at ${n}`)).toBe('error');
      }
    }
  });

  it('survives 3000 random bodies', () => {
    const next = rng(1);
    for (let i = 0; i < 3000; i++) {
      const body = randomBytes(next, next() * 300);
      survives(() => decodeMetricsProtobuf(body), `random metrics #${i}`);
      survives(() => decodeLogsProtobuf(body), `random logs #${i}`);
    }
  });

  it('survives 6000 mutations of real bodies, within a time bound', () => {
    const next = rng(2);
    const started = performance.now();
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < 6000; i++) {
      const source =
        i % 3 === 2 ? RICH_LOGS : (metricsBodies[i % metricsBodies.length] ?? RICH_METRICS);
      let body = mutate(source, next);
      if (next() < 0.3) body = mutate(body, next);
      const decode = source === RICH_LOGS ? decodeLogsProtobuf : decodeMetricsProtobuf;
      outcomes[survives(() => decode(body), `mutation #${i}`)]++;
    }
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('JSON fuzzing', () => {
  const metricsText = existsSync(CAPTURES)
    ? readFileSync(new URL('http-json__none__cumulative.body', CAPTURES), 'utf8')
    : readFileSync(new URL('./fixtures/sdk-metrics.json', import.meta.url), 'utf8');
  const logsText =
    '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"kvlistValue":{"values":[{"key":"a","value":{"arrayValue":{"values":[{"intValue":"1"}]}}}]}},"traceId":"5b8efff798038103d269b633813fc60c"}]}]}]}';
  const alphabet = '{}[]":,0-1eE.\\ntrufalsNI';

  it('survives 4000 character mutations of real bodies', () => {
    const next = rng(3);
    for (let i = 0; i < 4000; i++) {
      const source = i % 2 === 0 ? metricsText : logsText;
      const chars = source.split('');
      for (let k = 0; k < 1 + next() * 3; k++) {
        const at = Math.floor(next() * chars.length);
        const c = alphabet[Math.floor(next() * alphabet.length)] ?? '';
        if (next() < 0.5) chars[at] = c;
        else chars.splice(at, next() < 0.5 ? 1 : 0, c);
      }
      const text = chars.join('');
      survives(() => decodeMetricsJson(text), `json mutation #${i}`);
      survives(() => decodeLogsJson(text), `json mutation #${i}`);
    }
  });
});
