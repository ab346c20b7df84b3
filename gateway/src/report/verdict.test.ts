import { describe, expect, it } from 'vitest';
import type { JobResult } from '../jobs/types.js';
import type { Target } from '../targets/types.js';
import { judge, type PinState, type VerdictInput } from './verdict.js';

const TARGET: Target = {
  address: '0x1111111111111111111111111111111111111111',
  uri: 'https://target.example.com:8935',
  capabilities: [],
};
const OTHER = '0x2222222222222222222222222222222222222222';
const PINNED: PinState = { pinned: true, fallbackClass: 'unknown' };

const result = (x: Partial<JobResult>): JobResult => ({
  end: 'ok',
  httpStatus: 200,
  errorMessage: null,
  latencyMs: 100,
  ttfbMs: 50,
  ptffMs: null,
  fpsSamples: null,
  tokensPerSecond: null,
  reportedServers: null,
  ...x,
});

const input = (x: Partial<VerdictInput>): VerdictInput => ({
  kind: 'good',
  result: result({}),
  target: TARGET,
  evidence: { served: [TARGET.address], failures: [] },
  pin: PINNED,
  ...x,
});

const noOrchestrators = result({
  end: 'http_error',
  httpStatus: 503,
  errorMessage: 'no orchestrators available',
});

describe('verdict', () => {
  it('a valid answer from the target is a success', () => {
    expect(judge(input({}))).toEqual({
      outcome: 'success',
      errorClass: null,
      errorMessage: null,
      expectedRejection: false,
      servedBy: TARGET.address,
      swapped: false,
      gatewayFault: false,
    });
  });

  it('served by another orchestrator: a swap (gateway evidence, or the live status)', () => {
    expect(judge(input({ evidence: { served: [OTHER], failures: [] } }))).toMatchObject({
      servedBy: OTHER,
      swapped: true,
      outcome: 'success',
    });
    expect(
      judge(input({ result: result({ reportedServers: [TARGET.address, OTHER] }) })),
    ).toMatchObject({ servedBy: OTHER, swapped: true });
    expect(judge(input({ evidence: { served: [], failures: [] } }))).toMatchObject({
      servedBy: null,
      swapped: false,
    });
    expect(judge(input({ evidence: null }))).toMatchObject({ servedBy: null, swapped: false });
  });

  it('"no orchestrators available" from a pinned gateway: the target failed, with the class the log gives', () => {
    const evidence = {
      served: [],
      failures: [{ uri: 'https://TARGET.example.com:8935/', message: 'CUDA error: out of memory' }],
    };
    expect(judge(input({ result: noOrchestrators, evidence }))).toMatchObject({
      outcome: 'failure',
      errorClass: 'oom',
      errorMessage: 'no orchestrators available: CUDA error: out of memory',
      gatewayFault: false,
    });
    // Nothing in the log: the pin's fallback class.
    expect(
      judge(input({ result: noOrchestrators, evidence: { served: [], failures: [] } })),
    ).toMatchObject({ outcome: 'failure', errorClass: 'unknown' });
    expect(
      judge(input({ result: noOrchestrators, pin: { pinned: true, fallbackClass: 'transport' } })),
    ).toMatchObject({ outcome: 'failure', errorClass: 'transport' });
  });

  it('"no orchestrators available" when the gateway was not pinned: excused, and the gateway is suspect', () => {
    expect(
      judge(input({ result: noOrchestrators, pin: { pinned: false, fallbackClass: 'unknown' } })),
    ).toMatchObject({
      outcome: 'excused',
      errorClass: 'no_orchestrator',
      gatewayFault: true,
    });
  });

  it('bad cases: a 4xx is a correct rejection; other answers never count against the orchestrator', () => {
    const rejected = result({
      end: 'http_error',
      httpStatus: 400,
      errorMessage: 'prompt field is required',
    });
    expect(judge(input({ kind: 'bad', result: rejected }))).toMatchObject({
      outcome: 'success',
      errorClass: 'bad_request',
      expectedRejection: true,
    });
    expect(judge(input({ kind: 'bad', result: noOrchestrators }))).toMatchObject({
      outcome: 'excused',
      errorClass: 'bad_request',
      expectedRejection: true,
    });
    expect(
      judge(
        input({
          kind: 'bad',
          result: result({ end: 'timeout', httpStatus: null, errorMessage: 'no answer' }),
        }),
      ),
    ).toMatchObject({ outcome: 'excused' });
    // Accepting an invalid request is the orchestrator's failure.
    expect(judge(input({ kind: 'bad' }))).toMatchObject({
      outcome: 'failure',
      errorClass: 'unknown',
      expectedRejection: true,
    });
  });

  it('good cases: client errors are excused, timeouts and invalid output are failures, an unreachable gateway is excused', () => {
    expect(
      judge(
        input({
          result: result({ end: 'http_error', httpStatus: 400, errorMessage: 'bad request' }),
        }),
      ),
    ).toMatchObject({ outcome: 'excused', errorClass: 'bad_request' });
    expect(
      judge(
        input({
          result: result({ end: 'http_error', httpStatus: 500, errorMessage: 'runner crashed' }),
        }),
      ),
    ).toMatchObject({ outcome: 'failure', errorClass: 'runner_error' });
    expect(
      judge(
        input({
          result: result({
            end: 'timeout',
            httpStatus: null,
            errorMessage: 'no answer within 5 ms',
          }),
        }),
      ),
    ).toMatchObject({ outcome: 'failure', errorClass: 'timeout' });
    expect(
      judge(
        input({
          result: result({ end: 'invalid_output', errorMessage: 'invalid output: image is 1×1' }),
        }),
      ),
    ).toMatchObject({ outcome: 'failure', errorClass: 'runner_error' });
    expect(
      judge(
        input({
          result: result({
            end: 'unreachable',
            httpStatus: null,
            errorMessage: 'fetch failed: connect ECONNREFUSED (connection refused)',
          }),
        }),
      ),
    ).toMatchObject({
      outcome: 'excused',
      errorClass: 'transport',
      gatewayFault: true,
    });
  });
});
