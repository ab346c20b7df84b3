/**
 * Hostile but valid OTLP/JSON requests for the stored-rows test: every point
 * kind, every AnyValue kind, and strings that the text formats between the
 * collector and ClickHouse must escape (tabs, newlines, quotes, backslashes,
 * braces, NUL, non-ASCII), plus extreme numbers and times.
 */

const TRICKY = [
  'plain',
  '',
  "it's",
  'a\tb',
  'line\nbreak',
  'cr\rlf\r\n',
  'back\\slash\\',
  '\\N',
  "{'k':'v'}",
  '[1,2]',
  'a:b,c',
  '"quoted"',
  'nul\u0000byte',
  'bell\u0007\u0008\u000c',
  'é 日本 🎉',
  '\\t not a tab',
  ' leading and trailing ',
  '#;--',
] as const;

const kv = (key: string, value: unknown) => ({ key, value });
const str = (s: string) => ({ stringValue: s });

/** Attributes with every tricky string as a key and as a value, and every AnyValue kind. */
function trickyAttributes(prefix: string) {
  return [
    ...TRICKY.map((s, i) => kv(`${prefix}.v${i}`, str(s))),
    ...TRICKY.filter((s) => s !== '').map((s) => kv(`${prefix} key ${s}`, str(String(s.length)))),
    kv(`${prefix}.int`, { intValue: '-9007199254740991' }),
    kv(`${prefix}.double`, { doubleValue: 0.1 }),
    kv(`${prefix}.big`, { doubleValue: 1e21 }),
    kv(`${prefix}.bool`, { boolValue: false }),
    kv(`${prefix}.bytes`, { bytesValue: 'AAEC/w==' }),
    kv(`${prefix}.array`, { arrayValue: { values: [str("x'\t"), { intValue: 3 }, {}] } }),
    kv(`${prefix}.kvlist`, { kvlistValue: { values: [kv('a\nb', str('c\\d'))] } }),
    kv(`${prefix}.empty`, {}),
  ];
}

const T0 = '1795000000123456789';
const T1 = '1795000001000000001';
const MAX_TIME = '9223372036854775807';

const point = (extra: Record<string, unknown>, attributes: unknown[] = []) => ({
  startTimeUnixNano: T0,
  timeUnixNano: T1,
  attributes,
  ...extra,
});

function trickyMetrics() {
  const values = [0, -0, 0.1, -1.5, 1e308, 5e-324, 1e21, 123456789.12345679, 2 ** 53 + 2];
  return [
    {
      name: 'tricky\tgauge',
      description: TRICKY.join('|'),
      unit: "'%'",
      gauge: {
        dataPoints: [
          ...values.map((v, i) => point({ asDouble: v, flags: i % 2 }, [kv('i', str(String(i)))])),
          point({ asInt: '-9007199254740991' }),
          point({ asDouble: 1, timeUnixNano: MAX_TIME, startTimeUnixNano: '0' }),
          point({ asDouble: 2, timeUnixNano: '1', startTimeUnixNano: '1' }),
          point({ asDouble: 3 }, trickyAttributes('point')),
        ],
      },
    },
    ...[1, 2, 0].map((temporality) => ({
      name: `sum.${temporality}`,
      unit: '{x}',
      sum: {
        aggregationTemporality: temporality,
        isMonotonic: temporality === 1,
        dataPoints: [point({ asInt: '42' }), point({ asDouble: 0.25 }, [kv('k', str('a\tb'))])],
      },
    })),
    {
      name: 'histogram',
      histogram: {
        aggregationTemporality: 1,
        dataPoints: [
          point({
            count: '6',
            sum: 10.5,
            bucketCounts: ['1', '2', '3'],
            explicitBounds: [0.5, 1e21],
            min: -1,
            max: 9,
          }),
          point({ count: '0' }),
          point({ count: '9007199254740993', sum: 1, bucketCounts: ['0'], explicitBounds: [] }),
        ],
      },
    },
    {
      name: 'exponential',
      exponentialHistogram: {
        aggregationTemporality: 2,
        dataPoints: [
          point({
            count: '5',
            sum: 2.5,
            scale: -3,
            zeroCount: '1',
            positive: { offset: -2, bucketCounts: ['1', '2'] },
            negative: { offset: 4, bucketCounts: ['1'] },
            min: -0.5,
            max: 1.5,
          }),
          point({ count: '0', scale: 20 }),
        ],
      },
    },
    {
      name: 'summary',
      summary: {
        dataPoints: [
          point({
            count: '3',
            sum: 6,
            quantileValues: [
              { quantile: 0, value: 1 },
              { quantile: 0.5, value: 2 },
              { quantile: 1, value: 1e-300 },
            ],
          }),
          point({ count: '0', sum: 0 }),
        ],
      },
    },
  ];
}

const OTHER = '0x1111111111111111111111111111111111111111';

/** Points the collector refuses (counted in partial success), and one an agent may not send. */
function refusedMetrics() {
  return [
    {
      name: 'refused',
      gauge: {
        dataPoints: [
          point({ asDouble: 1, timeUnixNano: '0' }),
          point({ asDouble: 'NaN' }),
          point({ asDouble: 'Infinity' }),
          point({ asDouble: 4 }, [kv('livepeer.orchestrator.address', str(OTHER))]),
        ],
      },
    },
    { name: 'no data' },
    { name: 'bad histogram', histogram: { dataPoints: [point({ count: '1', sum: 'NaN' })] } },
  ];
}

/** A metrics request with three resources and scopes full of tricky strings. */
export function trickyMetricsRequest(): string {
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [kv('service.name', str('svc\t"1"')), ...trickyAttributes('res')] },
        schemaUrl: 'https://example.com/schema\\1.0',
        scopeMetrics: [
          {
            scope: {
              name: "scope'\n",
              version: 'v\t1',
              attributes: trickyAttributes('scope'),
              droppedAttributesCount: 7,
            },
            schemaUrl: 'scope\\url',
            metrics: trickyMetrics(),
          },
          {
            scope: {},
            metrics: [{ name: 'plain', gauge: { dataPoints: [point({ asDouble: 1 })] } }],
          },
          { metrics: refusedMetrics() },
        ],
      },
      {
        resource: { attributes: [kv('livepeer.orchestrator.address', str(OTHER))] },
        scopeMetrics: [
          { metrics: [{ name: 'claims', gauge: { dataPoints: [point({ asDouble: 1 })] } }] },
        ],
      },
      {
        resource: {},
        scopeMetrics: [
          { metrics: [{ name: 'bare', sum: { dataPoints: [point({ asDouble: 1 })] } }] },
        ],
      },
    ],
  });
}

/** A logs request with every body kind, ids, severities and event names. */
export function trickyLogsRequest(): string {
  const bodies = [
    ...TRICKY.map(str),
    { intValue: '12' },
    { doubleValue: -0.5 },
    { boolValue: true },
    { bytesValue: 'AAEC/w==' },
    { arrayValue: { values: [str('a\tb'), { kvlistValue: { values: [kv("'", str('"'))] } }] } },
    { kvlistValue: { values: [kv('x', str('y\nz'))] } },
    {},
  ];
  return JSON.stringify({
    resourceLogs: [
      {
        resource: {
          attributes: [kv('service.name', str('logs\\svc')), ...trickyAttributes('res')],
        },
        schemaUrl: 'res\turl',
        scopeLogs: [
          {
            scope: { name: 'scope\t', version: "v'1", attributes: trickyAttributes('scope') },
            schemaUrl: 'https://example.com/s',
            logRecords: [
              { body: str('no time at all') },
              ...bodies.map((body, i) => ({
                timeUnixNano: i % 3 === 0 ? '0' : T1,
                observedTimeUnixNano: T0,
                severityNumber: i % 25,
                severityText: TRICKY[i % TRICKY.length],
                body,
                attributes:
                  i % 2 === 0 ? trickyAttributes('log') : [kv('event.name', str('from\tattr'))],
                traceId: i % 2 === 0 ? '5b8efff798038103d269b633813fc60c' : '',
                spanId: i % 2 === 0 ? 'eee19b7ec3c1b174' : '',
                flags: 257,
                ...(i % 4 === 1 ? { eventName: TRICKY[(i + 3) % TRICKY.length] } : {}),
              })),
            ],
          },
        ],
      },
    ],
  });
}
