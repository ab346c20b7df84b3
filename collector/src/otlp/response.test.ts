import { describe, expect, it } from 'vitest';
import { encodeLogsResponse, encodeMetricsResponse, encodeStatus } from './response.js';
import { concat, str, sub, varint } from './test-wire.js';

describe('encodeMetricsResponse / encodeLogsResponse', () => {
  it('is empty on full success', () => {
    expect(encodeMetricsResponse({ rejectedDataPoints: 0 }, 'protobuf')).toEqual(new Uint8Array(0));
    expect(encodeMetricsResponse({ rejectedDataPoints: 0, errorMessage: '' }, 'json')).toBe('{}');
    expect(encodeLogsResponse({ rejectedLogRecords: 0 }, 'protobuf')).toHaveLength(0);
    expect(encodeLogsResponse({ rejectedLogRecords: 0 }, 'json')).toBe('{}');
  });

  it('sets partial_success = 1 { rejected_* = 1 (int64), error_message = 2 } in protobuf', () => {
    const metrics = encodeMetricsResponse(
      { rejectedDataPoints: 3, errorMessage: 'bad unit' },
      'protobuf',
    );
    expect(metrics).toEqual(sub(1, varint(1, 3), str(2, 'bad unit')));
    const logs = encodeLogsResponse({ rejectedLogRecords: 2 ** 40 }, 'protobuf');
    expect(logs).toEqual(sub(1, varint(1, 2 ** 40)));
  });

  it('writes partialSuccess with the int64 count as a decimal string in JSON', () => {
    const metrics = encodeMetricsResponse(
      { rejectedDataPoints: 3, errorMessage: 'bad unit' },
      'json',
    );
    expect(JSON.parse(metrics)).toEqual({
      partialSuccess: { rejectedDataPoints: '3', errorMessage: 'bad unit' },
    });
    const logs = encodeLogsResponse({ rejectedLogRecords: 5 }, 'json');
    expect(JSON.parse(logs)).toEqual({ partialSuccess: { rejectedLogRecords: '5' } });
  });

  it('carries a warning with nothing rejected (the spec allows it)', () => {
    const warning = { rejectedDataPoints: 0, errorMessage: 'deprecated attribute' };
    expect(encodeMetricsResponse(warning, 'protobuf')).toEqual(
      sub(1, str(2, 'deprecated attribute')),
    );
    expect(JSON.parse(encodeMetricsResponse(warning, 'json'))).toEqual({
      partialSuccess: { errorMessage: 'deprecated attribute' },
    });
  });

  it('refuses counts that are not non-negative safe integers', () => {
    expect(() => encodeMetricsResponse({ rejectedDataPoints: -1 }, 'json')).toThrow(RangeError);
    expect(() => encodeLogsResponse({ rejectedLogRecords: 1.5 }, 'protobuf')).toThrow(RangeError);
  });
});

describe('encodeStatus', () => {
  it('writes google.rpc.Status { code = 1; message = 2 }', () => {
    expect(encodeStatus('bad body', 'protobuf', 3)).toEqual(
      concat(varint(1, 3), str(2, 'bad body')),
    );
    expect(encodeStatus('bad body', 'protobuf')).toEqual(str(2, 'bad body'));
    expect(JSON.parse(encodeStatus('bad body', 'json', 3))).toEqual({
      code: 3,
      message: 'bad body',
    });
    expect(JSON.parse(encodeStatus('bad body', 'json'))).toEqual({ message: 'bad body' });
  });
});
