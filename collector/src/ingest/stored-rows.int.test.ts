/**
 * What the collector stores for a set of requests — every column of the raw
 * tables as ClickHouse reads them back, and the accepted/refused counts — is
 * pinned in `stored-rows.golden.jsonl`: the real fixtures and hostile
 * requests (every point and AnyValue kind, strings with every character the
 * insert format must escape, extreme numbers and times) go through the
 * product path (decode → map → pipeline → INSERT into embedded chDB). Any
 * change of the row encoding must keep these rows identical.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../auth/tokens.js';
import { loadConfig } from '../config/resolve.js';
import {
  decodeLogsJson,
  decodeMetricsJson,
  decodeMetricsProtobuf,
  type LogsRequest,
  type MetricsRequest,
} from '../otlp/index.js';
import type { Pipeline } from '../pipeline/index.js';
import { createPipeline, prepareStorage } from '../service.js';
import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../storage/schema/raw-tables.js';
import { openStore, type Store } from '../storage/store.js';
import { mapLogs, mapMetrics, type MappedBatch } from './rows.js';
import { trickyLogsRequest, trickyMetricsRequest } from './test-requests.js';

const FIXTURES = new URL('../../../../shared/fixtures/otlp/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

const agent: Identity = {
  kind: 'agent',
  address: '0x3b28a7d785356dc67c7970666747e042305bfb79',
  name: 'a',
};
const gateway: Identity = { kind: 'gateway', name: 'gw' };

type Request =
  | { name: string; identity: Identity; metrics: MetricsRequest }
  | { name: string; identity: Identity; logs: LogsRequest };

const REQUESTS: (() => Request)[] = [
  ...['http-protobuf__gzip__cumulative', 'http-protobuf__gzip__delta'].map((v) => (): Request => ({
    name: v,
    identity: agent,
    metrics: decodeMetricsProtobuf(fixture(`captured-opentelemetry-js/${v}.decoded.pb`)),
  })),
  ...[
    'captured-opentelemetry-js/http-json__none__cumulative.body',
    'opentelemetry-proto/metrics.v1.11.0.json',
    'opentelemetry-proto/metrics.c269bbe-numbers-not-strings.json',
    'third-party/go-sdk-1.10.0-sum-enum-as-string.json',
  ].map((f) => (): Request => ({
    name: f,
    identity: gateway,
    metrics: decodeMetricsJson(fixture(f).toString('utf8')),
  })),
  () => ({ name: 'tricky metrics (agent)', identity: agent, metrics: tricky() }),
  () => ({ name: 'tricky metrics (gateway)', identity: gateway, metrics: tricky() }),
  () => ({ name: 'tricky logs', identity: gateway, logs: decodeLogsJson(trickyLogsRequest()) }),
];

function tricky(): MetricsRequest {
  return decodeMetricsJson(trickyMetricsRequest());
}

/** Columns of the exporter layout (migration 001) and the NaaP columns materialized from them. */
const COMMON = [
  'ResourceAttributes',
  'ResourceSchemaUrl',
  'ScopeName',
  'ScopeVersion',
  'ScopeAttributes',
  'ScopeDroppedAttrCount',
  'ScopeSchemaUrl',
  'ServiceName',
  'MetricName',
  'MetricDescription',
  'MetricUnit',
  'Attributes',
  'StartTimeUnix',
  'TimeUnix',
  'Flags',
];
const EXEMPLARS = ['FilteredAttributes', 'TimeUnix', 'Value', 'SpanId', 'TraceId'].map(
  (c) => `Exemplars.${c}`,
);
const NAAP = ['OrchestratorAddress', 'Region', 'Source', 'GpuId', 'Pipeline', 'ModelId'];
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  [RAW_METRIC_TABLES.gauge]: [...COMMON, ...EXEMPLARS, 'Value', ...NAAP],
  [RAW_METRIC_TABLES.sum]: [
    ...COMMON,
    ...EXEMPLARS,
    'Value',
    'AggregationTemporality',
    'IsMonotonic',
    ...NAAP,
  ],
  [RAW_METRIC_TABLES.histogram]: [
    ...COMMON,
    ...EXEMPLARS,
    ...['Count', 'Sum', 'BucketCounts', 'ExplicitBounds', 'Min', 'Max', 'AggregationTemporality'],
    ...NAAP,
  ],
  [RAW_METRIC_TABLES.exponential_histogram]: [
    ...COMMON,
    ...EXEMPLARS,
    ...['Count', 'Sum', 'Scale', 'ZeroCount', 'PositiveOffset', 'PositiveBucketCounts'],
    ...['NegativeOffset', 'NegativeBucketCounts', 'Min', 'Max', 'AggregationTemporality'],
    ...NAAP,
  ],
  [RAW_METRIC_TABLES.summary]: [
    ...COMMON,
    ...['Count', 'Sum', 'ValueAtQuantiles.Quantile', 'ValueAtQuantiles.Value'],
    ...NAAP,
  ],
  [RAW_LOGS_TABLE]: [
    ...['Timestamp', 'TimestampTime', 'TraceId', 'SpanId', 'TraceFlags', 'SeverityText'],
    ...['SeverityNumber', 'ServiceName', 'Body', 'ResourceSchemaUrl', 'ResourceAttributes'],
    ...['ScopeSchemaUrl', 'ScopeName', 'ScopeVersion', 'ScopeAttributes', 'LogAttributes'],
    ...['EventName', ...NAAP],
  ],
};

async function storedRows(store: Store, table: string): Promise<string[]> {
  const cols = (COLUMNS[table] ?? []).map((c) => `\`${c}\``).join(', ');
  const rs = await store.client.query({
    query: `SELECT ${cols} FROM ${store.table(table)}`,
    format: 'JSONEachRow',
    clickhouse_settings: { session_timezone: 'UTC', output_format_json_quote_64bit_integers: 1 },
  });
  const rows = (await rs.text()).split('\n').filter((l) => l !== '');
  return rows.sort();
}

// The same golden file for both ways of acknowledging: rows inserted from
// memory (insert) and from write-ahead log segments (log) are identical.
// The golden file includes rows of real captures from ../shared/fixtures:
// skipped without them.
describe.skipIf(!existsSync(FIXTURES)).each(['insert', 'log'])(
  'stored rows (--ingest-ack %s)',
  (ack) => {
    let dir: string;
    let store: Store;
    let pipeline: Pipeline;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'naap-stored-rows-'));
      const config = await loadConfig(
        ['--clickhouse', `embedded:${join(dir, 'data')}`, '--ingest-ack', ack],
        {},
      );
      store = await openStore(config);
      await prepareStorage(store, config, pino({ level: 'warn' }));
      pipeline = createPipeline(store, config);
      await pipeline.start();
    });

    afterAll(async () => {
      await pipeline.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('are exactly the golden rows for the fixtures and hostile requests', async () => {
      const lines: string[] = [];
      for (const make of REQUESTS) {
        const r = make();
        const mapped: MappedBatch =
          'metrics' in r ? mapMetrics(r.metrics, r.identity) : mapLogs(r.logs, r.identity);
        await pipeline.accept(mapped.tables);
        const { accepted, rejected, reasons } = mapped;
        lines.push(JSON.stringify({ request: r.name, accepted, rejected, reasons }));
      }
      await pipeline.flush();
      for (const table of Object.keys(COLUMNS)) {
        const rows = await storedRows(store, table);
        lines.push(JSON.stringify({ table, rows: rows.length }), ...rows);
      }
      await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./stored-rows.golden.jsonl');
    });
  },
);
