/**
 * The OTLP/JSON examples of open-telemetry/opentelemetry-proto (64-bit integers
 * as strings and, before PR #748, as numbers) and a Go SDK sample writing enum
 * names decode to exactly what shared/fixtures/otlp/SOURCES.md states.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMetricsJson } from './json-metrics.js';
import type { MetricsRequest } from './model.js';

const ROOT = new URL('../../../../shared/fixtures/otlp/', import.meta.url);

const T = 1544712660300000000n;
const attrs = (key: string) => ({ [key]: 'some value' });
const point = { flags: 0, exemplarCount: 0, startTimeUnixNano: T, timeUnixNano: T };

/** examples/metrics.json of open-telemetry/opentelemetry-proto, as SOURCES.md states it. */
const PROTO_EXAMPLE: MetricsRequest = {
  resourceMetrics: [
    {
      resource: { attributes: { 'service.name': 'my.service' }, droppedAttributesCount: 0 },
      schemaUrl: '',
      scopeMetrics: [
        {
          scope: {
            name: 'my.library',
            version: '1.0.0',
            attributes: { 'my.scope.attribute': 'some scope attribute' },
            droppedAttributesCount: 0,
          },
          schemaUrl: '',
          metrics: [
            {
              name: 'my.counter',
              unit: '1',
              description: 'I am a Counter',
              kind: 'sum',
              temporality: 'delta',
              monotonic: true,
              points: [
                { ...point, attributes: attrs('my.counter.attr'), value: 5, valueType: 'double' },
              ],
            },
            {
              name: 'my.gauge',
              unit: '1',
              description: 'I am a Gauge',
              kind: 'gauge',
              points: [
                {
                  ...point,
                  startTimeUnixNano: 0n,
                  attributes: attrs('my.gauge.attr'),
                  value: 10,
                  valueType: 'double',
                },
              ],
            },
            {
              name: 'my.histogram',
              unit: '1',
              description: 'I am a Histogram',
              kind: 'histogram',
              temporality: 'delta',
              points: [
                {
                  ...point,
                  attributes: attrs('my.histogram.attr'),
                  count: 2,
                  sum: 2,
                  bucketCounts: [1, 1],
                  explicitBounds: [1],
                  min: 0,
                  max: 2,
                },
              ],
            },
            {
              name: 'my.exponential.histogram',
              unit: '1',
              description: 'I am an Exponential Histogram',
              kind: 'exponential_histogram',
              temporality: 'delta',
              points: [
                {
                  ...point,
                  attributes: attrs('my.exponential.histogram.attr'),
                  count: 3,
                  sum: 10,
                  scale: 0,
                  zeroCount: 1,
                  positive: { offset: 1, bucketCounts: [0, 2] },
                  negative: { offset: 0, bucketCounts: [] },
                  min: 0,
                  max: 5,
                  zeroThreshold: 0,
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const PROTO_DIR = new URL('opentelemetry-proto/', ROOT);
describe.skipIf(!existsSync(PROTO_DIR))('opentelemetry-proto examples/metrics.json', () => {
  it.each(['metrics.v1.11.0.json', 'metrics.c269bbe-numbers-not-strings.json'])(
    '%s decodes to the stated content',
    (name) => {
      expect(decodeMetricsJson(readFileSync(new URL(name, PROTO_DIR), 'utf8'))).toEqual(
        PROTO_EXAMPLE,
      );
    },
  );
});

const GO = new URL('third-party/go-sdk-1.10.0-sum-enum-as-string.json', ROOT);
describe.skipIf(!existsSync(GO))('Go SDK 1.10.0 sample (enum names as strings)', () => {
  it('decodes the sum with its temporality given by name', () => {
    const req = decodeMetricsJson(readFileSync(GO, 'utf8'));
    expect(req).toEqual({
      resourceMetrics: [
        {
          resource: {
            attributes: {
              'service.name': 'unknown_service:ilogtail.test',
              'telemetry.sdk.language': 'go',
              'telemetry.sdk.name': 'opentelemetry',
              'telemetry.sdk.version': '1.10.0',
            },
            droppedAttributesCount: 0,
          },
          schemaUrl: 'https://opentelemetry.io/schemas/1.12.0',
          scopeMetrics: [
            {
              scope: {
                name: 'go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetricgrpc_test',
                version: '',
                attributes: {},
                droppedAttributesCount: 0,
              },
              schemaUrl: '',
              metrics: [
                {
                  name: 'an_important_metric',
                  description: 'Measures the cumulative epicness of the app',
                  unit: '',
                  kind: 'sum',
                  temporality: 'cumulative',
                  monotonic: true,
                  points: [
                    {
                      attributes: {},
                      startTimeUnixNano: 1663059119009537363n,
                      timeUnixNano: 1663059119009885985n,
                      flags: 0,
                      exemplarCount: 0,
                      value: 10,
                      valueType: 'double',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
