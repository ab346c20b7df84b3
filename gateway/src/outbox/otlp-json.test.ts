import { ATTR, EVENT, testloadJobFromAttributes } from '@naap/otel';
import { describe, expect, it } from 'vitest';
import { logsRequestJson, recordBody } from './otlp-json.js';
import { jobRecord } from './testing.js';

interface AnyValue {
  stringValue?: string;
  intValue?: string;
  doubleValue?: number;
  boolValue?: boolean;
}
interface Req {
  resourceLogs: {
    resource: { attributes: { key: string; value: AnyValue }[] };
    scopeLogs: {
      scope: { name: string; version: string };
      logRecords: {
        timeUnixNano: string;
        severityNumber: number;
        severityText: string;
        body: AnyValue;
        eventName: string;
        attributes: { key: string; value: AnyValue }[];
      }[];
    }[];
  }[];
}

const value = (v: AnyValue): unknown =>
  v.intValue !== undefined ? Number(v.intValue) : (v.stringValue ?? v.doubleValue ?? v.boolValue);

describe('OTLP/JSON logs request', () => {
  const failed = jobRecord(2, {
    outcome: 'failure',
    errorClass: 'timeout',
    errorMessage: 'no answer "in" time\n',
    httpStatus: null,
    fps: { count: 3, mean: 24.5, stddev: 1, min: 22 },
  });
  const req = JSON.parse(
    logsRequestJson(
      [jobRecord(1), failed],
      { [ATTR.serviceName]: 'naap-gateway', [ATTR.region]: 'FRA' },
      { name: 'naap-gateway', version: '9.9.9' },
    ),
  ) as Req;
  const rl = req.resourceLogs[0];
  const logs = rl?.scopeLogs[0]?.logRecords ?? [];

  it('carries the resource and scope given', () => {
    expect(rl?.resource.attributes).toEqual([
      { key: ATTR.serviceName, value: { stringValue: 'naap-gateway' } },
      { key: ATTR.region, value: { stringValue: 'FRA' } },
    ]);
    expect(rl?.scopeLogs[0]?.scope).toEqual({ name: 'naap-gateway', version: '9.9.9' });
  });

  it('makes one naap.testload.job record per job that maps back to the same record', () => {
    expect(logs).toHaveLength(2);
    for (const [i, r] of [jobRecord(1), failed].entries()) {
      const l = logs[i];
      expect(l?.eventName).toBe(EVENT.testloadJob);
      expect(l?.timeUnixNano).toBe(`${r.timeUnixMs}000000`);
      expect(l?.body).toEqual({ stringValue: recordBody(r) });
      const attrs = Object.fromEntries((l?.attributes ?? []).map((a) => [a.key, value(a.value)]));
      expect(testloadJobFromAttributes(attrs, r.timeUnixMs)).toEqual({ ok: true, value: r });
    }
  });

  it('sets severity from the outcome; integers as intValue strings, others as doubles', () => {
    expect(logs.map((l) => [l.severityNumber, l.severityText])).toEqual([
      [9, 'INFO'],
      [13, 'WARN'],
    ]);
    const attrs = new Map((logs[1]?.attributes ?? []).map((a) => [a.key, a.value]));
    expect(attrs.get(ATTR.ttfbMs)).toEqual({ intValue: '120' });
    expect(attrs.get(ATTR.latencyMs)).toEqual({ doubleValue: 412.5 });
    expect(attrs.get(ATTR.swapped)).toEqual({ boolValue: false });
    expect(attrs.has(ATTR.httpStatus)).toBe(false);
  });
});
