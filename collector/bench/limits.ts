/**
 * `node --expose-gc --conditions=@naap/source --import tsx collector/bench/limits.ts`:
 * CPU cost of the per-token ingest limits next to the rest of the ingest
 * work on the same requests, in the same run: realistic GPU telemetry (the
 * bodies of `bench:ingest`), decoded, limited (default limits), mapped to
 * rows. Prints CPU nanoseconds per point of each step and the limits' share;
 * asserts nothing about time.
 */
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import type { Identity } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config/resolve.js';
import { IngestLimiter } from '../src/ingest/limits/index.js';
import { mapMetrics } from '../src/ingest/rows.js';
import { decodeMetricsProtobuf, type MetricsRequest } from '../src/otlp/index.js';
import { buildRequests } from './payload.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '4' },
    'points-per-request': { type: 'string', default: '1000' },
  },
});
const REQUESTS = Number(values.requests);
const ROUNDS = Number(values.rounds);

/** `--expose-gc`: collect first, so each step pays for its own garbage only. */
const gc = (globalThis as { gc?: () => void }).gc;

const cpu = (f: () => void): number => {
  gc?.();
  const t0 = process.cpuUsage();
  f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) * 1000; // ns
};

const built = await buildRequests({
  requests: REQUESTS,
  pointsPerRequest: Number(values['points-per-request']),
  orchestrators: 100,
  gpusPerOrchestrator: 8,
});
const identities: Identity[] = built.orchestrators.map((o, i) => ({
  kind: 'agent',
  address: o.address,
  name: `orch-${i}`,
}));
const first = identities[0];
if (first === undefined) throw new Error('no orchestrator');
const bodies = built.requests.map((r) => ({
  body: gunzipSync(r.body),
  identity: identities[r.orchestrator] ?? first,
}));
const points = built.requests.reduce((n, r) => n + r.points, 0);

const config = await loadConfig([], {});
// Simulated time: each request 1 s after the last, so the rate limit stays out of the way.
let clock = 0;
const limiter = new IngestLimiter(config.ingestLimits, () => (clock += 1000));

const decoded: MetricsRequest[] = [];
const totals = { decode: 0, limits: 0, map: 0 };
for (let round = 0; round <= ROUNDS; round++) {
  const t = { decode: 0, limits: 0, map: 0 };
  decoded.length = 0;
  t.decode = cpu(() => {
    for (const b of bodies) decoded.push(decodeMetricsProtobuf(b.body));
  });
  let limited: { request: MetricsRequest; identity: Identity }[] = [];
  t.limits = cpu(() => {
    limited = decoded.map((r, i) => {
      const identity = bodies[i]?.identity ?? first;
      return { request: limiter.metrics(r, identity).request, identity };
    });
  });
  t.map = cpu(() => {
    for (const l of limited) mapMetrics(l.request, l.identity);
  });
  const per = (ns: number): string => (ns / points).toFixed(0).padStart(6);
  process.stdout.write(
    `${round === 0 ? 'warm-up' : `round ${round}`}: decode ${per(t.decode)} ns/point, limits ${per(t.limits)}, map ${per(t.map)}; limits/(decode+map) ${((100 * t.limits) / (t.decode + t.map)).toFixed(1)} %\n`,
  );
  if (round > 0) for (const k of ['decode', 'limits', 'map'] as const) totals[k] += t[k];
}
const share = totals.limits / (totals.decode + totals.map);
process.stdout.write(
  `\n${points} points × ${ROUNDS} rounds: limits ${(totals.limits / points / ROUNDS).toFixed(0)} CPU-ns/point = ${(100 * share).toFixed(1)} % of decode+map (${((totals.decode + totals.map) / points / ROUNDS).toFixed(0)} ns/point); series held: ${limiter.seriesOf(first)} for one token\n`,
);
