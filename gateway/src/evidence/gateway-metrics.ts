import { normalizeAddress } from '@naap/otel';
import { getText, type Fetch } from '../http.js';
import { MAX_EXPOSITION_BYTES, parseExposition, type Sample } from './prometheus.js';

/**
 * go-livepeer gateway series (monitor/census.go, node_type bctr) that name
 * the orchestrator of a request: the latency score is set for the
 * orchestrator that served each successful request; request errors count
 * failed attempts (transport errors) per orchestrator.
 */
export const LATENCY_SCORE = 'livepeer_ai_request_latency_score';
export const REQUEST_ERRORS = 'livepeer_ai_request_errors';
const WANTED = new Set([LATENCY_SCORE, REQUEST_ERRORS]);

export interface MetricsSnapshot {
  readonly series: ReadonlyMap<string, Sample>;
}

const seriesKey = (s: Sample): string =>
  `${s.name}|${Object.entries(s.labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;

/** Reads the gateway CLI's /metrics; null when it cannot be read. */
export async function scrapeGatewayMetrics(
  fetchImpl: Fetch,
  cliUrl: string,
  timeoutMs = 5_000,
): Promise<MetricsSnapshot | null> {
  const r = await getText(fetchImpl, `${cliUrl}/metrics`, timeoutMs, MAX_EXPOSITION_BYTES);
  if (!r.ok) return null;
  const series = new Map<string, Sample>();
  for (const s of parseExposition(r.text, WANTED)) series.set(seriesKey(s), s);
  return { series };
}

export interface MetricsFailure {
  readonly uri: string;
  readonly address: string | null;
  readonly message: string;
}

export interface MetricsDiff {
  /** Orchestrators (lower-case address, else URI) whose latency score moved for the model. */
  readonly served: readonly { readonly address: string | null; readonly uri: string }[];
  readonly failures: readonly MetricsFailure[];
}

function orchestratorOf(s: Sample): { address: string | null; uri: string } {
  return {
    address: normalizeAddress(s.labels['orchestrator_address'] ?? ''),
    uri: s.labels['orchestrator_uri'] ?? '',
  };
}

/** What changed for `model` between two snapshots. */
export function diffSnapshots(
  before: MetricsSnapshot,
  after: MetricsSnapshot,
  model: string,
): MetricsDiff {
  const served: { address: string | null; uri: string }[] = [];
  const failures: MetricsFailure[] = [];
  for (const [key, s] of after.series) {
    if (s.labels['model_name'] !== model) continue;
    const prev = before.series.get(key);
    const o = orchestratorOf(s);
    if (o.address === null && o.uri === '') continue;
    if (s.name === LATENCY_SCORE && (prev === undefined || prev.value !== s.value)) served.push(o);
    if (s.name === REQUEST_ERRORS && s.value > (prev?.value ?? 0))
      failures.push({ ...o, message: s.labels['error_code'] ?? '' });
  }
  return { served, failures };
}
