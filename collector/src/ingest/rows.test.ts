import { describe, expect, it } from 'vitest';
import type { Identity } from '../auth/tokens.js';
import { decodeLogsJson, decodeMetricsJson } from '../otlp/index.js';
import { mapLogs, mapMetrics } from './rows.js';
import { parsedRows } from './test-tsv.js';

const ADDRESS = '0x3b28a7d785356dc67c7970666747e042305bfb79';
const OTHER = '0x1111111111111111111111111111111111111111';
const agent: Identity = { kind: 'agent', address: ADDRESS, name: 'a' };
const gateway: Identity = { kind: 'gateway', name: 'gw' };

const kv = (key: string, value: string) => ({ key, value: { stringValue: value } });
const gauge = (name: string, value: number, attrs: ReturnType<typeof kv>[] = []) => ({
  name,
  unit: '1',
  gauge: {
    dataPoints: [{ timeUnixNano: '1795000000000000000', asDouble: value, attributes: attrs }],
  },
});
const request = (resource: ReturnType<typeof kv>[], metrics: unknown[]) =>
  decodeMetricsJson(
    JSON.stringify({
      resourceMetrics: [
        { resource: { attributes: resource }, scopeMetrics: [{ scope: { name: 's' }, metrics }] },
      ],
    }),
  );

describe('metric rows', () => {
  it('stamps the token’s orchestrator and source on an agent’s resource', () => {
    const m = mapMetrics(
      request(
        [kv('service.name', 'naap-agent')],
        [gauge('hw.gpu.utilization', 0.5, [kv('hw.id', 'GPU-1')])],
      ),
      agent,
    );
    const rows = parsedRows(m.tables, 'otel_metrics_gauge');
    expect(m.accepted).toBe(1);
    expect(rows[0]).toMatchObject({
      MetricName: 'hw.gpu.utilization',
      Value: 0.5,
      ServiceName: 'naap-agent',
      TimeUnix: '1795000000000000000',
      Attributes: { 'hw.id': 'GPU-1' },
      ResourceAttributes: {
        'service.name': 'naap-agent',
        'livepeer.orchestrator.address': ADDRESS,
        'naap.source': 'agent',
      },
    });
  });

  it('rejects an agent resource or point that claims another orchestrator, counting the points', () => {
    const claimsOther = mapMetrics(
      request([kv('livepeer.orchestrator.address', OTHER)], [gauge('a', 1), gauge('b', 2)]),
      agent,
    );
    expect(claimsOther.accepted).toBe(0);
    expect(claimsOther.rejected).toBe(2);
    expect(claimsOther.reasons[0]).toMatch(/claims orchestrator/);
    const pointClaims = mapMetrics(
      request([], [gauge('a', 1, [kv('livepeer.orchestrator.address', OTHER)]), gauge('b', 2)]),
      agent,
    );
    expect([pointClaims.accepted, pointClaims.rejected]).toEqual([1, 1]);
    const sameCase = mapMetrics(
      request(
        [kv('livepeer.orchestrator.address', ADDRESS.toUpperCase().replace('0X', '0x'))],
        [gauge('a', 1)],
      ),
      agent,
    );
    expect(sameCase.accepted).toBe(1);
  });

  it('lets a test-load gateway name the orchestrator it measured, marked synthetic', () => {
    const m = mapMetrics(
      request(
        [kv('service.name', 'naap-gateway')],
        [gauge('livepeer.ai.jobs', 3, [kv('livepeer.orchestrator.address', OTHER)])],
      ),
      gateway,
    );
    const row = parsedRows(m.tables, 'otel_metrics_gauge')[0];
    expect(row?.ResourceAttributes).toMatchObject({
      'naap.source': 'testload',
      'naap.synthetic': 'true',
    });
    expect(row?.Attributes).toEqual({ 'livepeer.orchestrator.address': OTHER });
  });

  it('maps every point kind to its table', () => {
    const m = mapMetrics(
      decodeMetricsJson(
        JSON.stringify({
          resourceMetrics: [
            {
              resource: {},
              scopeMetrics: [
                {
                  metrics: [
                    {
                      name: 's',
                      sum: {
                        aggregationTemporality: 1,
                        isMonotonic: true,
                        dataPoints: [{ timeUnixNano: '1', asInt: '7' }],
                      },
                    },
                    {
                      name: 'h',
                      histogram: {
                        aggregationTemporality: 1,
                        dataPoints: [
                          {
                            timeUnixNano: '1',
                            count: '3',
                            sum: 6,
                            bucketCounts: ['1', '2'],
                            explicitBounds: [1],
                          },
                        ],
                      },
                    },
                    {
                      name: 'e',
                      exponentialHistogram: {
                        aggregationTemporality: 2,
                        dataPoints: [
                          {
                            timeUnixNano: '1',
                            count: '1',
                            scale: 2,
                            positive: { offset: 1, bucketCounts: ['1'] },
                          },
                        ],
                      },
                    },
                    {
                      name: 'q',
                      summary: {
                        dataPoints: [
                          {
                            timeUnixNano: '1',
                            count: '2',
                            sum: 4,
                            quantileValues: [{ quantile: 0.5, value: 2 }],
                          },
                        ],
                      },
                    },
                    { name: 'none' },
                  ],
                },
              ],
            },
          ],
        }),
      ),
      gateway,
    );
    expect([...m.tables.keys()].sort()).toEqual([
      'otel_metrics_exponential_histogram',
      'otel_metrics_histogram',
      'otel_metrics_sum',
      'otel_metrics_summary',
    ]);
    expect(parsedRows(m.tables, 'otel_metrics_sum')[0]).toMatchObject({
      Value: 7,
      AggregationTemporality: 1,
      IsMonotonic: true,
    });
    expect(parsedRows(m.tables, 'otel_metrics_histogram')[0]).toMatchObject({
      Count: 3,
      Sum: 6,
      BucketCounts: [1, 2],
      ExplicitBounds: [1],
    });
    expect(parsedRows(m.tables, 'otel_metrics_summary')[0]).toMatchObject({
      'ValueAtQuantiles.Quantile': [0.5],
      'ValueAtQuantiles.Value': [2],
    });
    expect(m.rejected).toBe(1);
  });

  it('refuses points without a time and non-finite values', () => {
    const m = mapMetrics(
      decodeMetricsJson(
        JSON.stringify({
          resourceMetrics: [
            {
              scopeMetrics: [
                {
                  metrics: [
                    {
                      name: 'g',
                      gauge: {
                        dataPoints: [
                          { asDouble: 1 },
                          { timeUnixNano: '5', asDouble: 'NaN' },
                          { timeUnixNano: '5', asDouble: 2 },
                        ],
                      },
                    },
                  ],
                },
              ],
            },
          ],
        }),
      ),
      gateway,
    );
    expect([m.accepted, m.rejected]).toEqual([1, 2]);
  });
});

describe('log rows', () => {
  it('maps records with event names, bodies and attributes', () => {
    const m = mapLogs(
      decodeLogsJson(
        JSON.stringify({
          resourceLogs: [
            {
              resource: { attributes: [kv('service.name', 'naap-gateway')] },
              scopeLogs: [
                {
                  logRecords: [
                    {
                      timeUnixNano: '1795000000000000000',
                      eventName: 'naap.testload.job',
                      body: { stringValue: 'ok' },
                      attributes: [kv('livepeer.orchestrator.address', OTHER)],
                    },
                    {
                      observedTimeUnixNano: '1795000000000000001',
                      body: { kvlistValue: { values: [kv('a', 'b')] } },
                    },
                    { body: { stringValue: 'no time' } },
                  ],
                },
              ],
            },
          ],
        }),
      ),
      gateway,
    );
    const rows = parsedRows(m.tables, 'otel_logs');
    expect([m.accepted, m.rejected]).toEqual([2, 1]);
    expect(rows[0]).toMatchObject({
      EventName: 'naap.testload.job',
      Body: 'ok',
      ServiceName: 'naap-gateway',
      LogAttributes: { 'livepeer.orchestrator.address': OTHER },
    });
    expect(rows[1]).toMatchObject({ Timestamp: '1795000000000000001', Body: '{"a":"b"}' });
  });
});
