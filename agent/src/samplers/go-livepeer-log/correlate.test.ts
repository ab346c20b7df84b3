import { describe, expect, it } from 'vitest';
import { JobCorrelator, type CorrelatorOptions } from './correlate.js';
import type { JobObservation } from './events.js';
import { parseLine } from './parse.js';

let second = 0;
const at = (sev: string, file: string): string => {
  second += 1;
  const s = String(second % 60).padStart(2, '0');
  const m = String(Math.floor(second / 60) % 60).padStart(2, '0');
  return `${sev}0506 14:${m}:${s}.000000       1 ${file}] `;
};
const CTX = 'manifestID=f374eed3 clientIP=203.0.113.11 ';
const T2I = 'cap=Text to image modelID=stabilityai/sdxl-turbo';
const L = {
  received: () => `${at('I', 'ai_http.go:434')}${CTX}Received request id=de5daa1d ${T2I}`,
  processed: (took = '1.5s') =>
    `${at('I', 'ai_http.go:574')}${CTX}Processed request id=de5daa1d ${T2I} took=${took}`,
  workerError: (err: string, ctx = CTX) =>
    `${at('E', 'ai_orchestrator.go:537')}${ctx}Error processing with local ai worker err=${JSON.stringify(err)}`,
  http: (code: number, msg: string) =>
    `${at('E', 'handlers.go:30')}HTTP Response Error ${code}: ${msg}`,
  capacity: () =>
    `${at('E', 'ai_http.go:445')}${CTX}Insufficient capacity for pipeline=text-to-image modelID=stabilityai/sdxl-turbo`,
  ticket: (err: string) =>
    `${at('E', 'orchestrator.go:171')}${CTX}Error receiving ticket sessionID=27_stabilityai/sdxl-turbo recipientRandHash=ab senderNonce=1: ${err}`,
  remote: (err: string | null) =>
    `${at(err === null ? 'I' : 'E', 'ai_orchestrator.go:321')}${CTX}Successfully received results from remote worker=10.0.0.30:44984 taskId=0 pipeline=llm model_id=m dur=2s${err === null ? '' : ` err=${JSON.stringify(err)}`}`,
};

function run(
  lines: string[],
  options?: CorrelatorOptions,
): { jobs: JobObservation[]; c: JobCorrelator } {
  const c = new JobCorrelator(options);
  const jobs: JobObservation[] = [];
  for (const line of lines) {
    c.tick();
    const e = parseLine(line);
    if (e !== null) jobs.push(...c.accept(e));
  }
  return { jobs, c };
}

const brief = (j: JobObservation) => [j.pipeline, j.modelId, j.outcome, j.errorClass, j.durationS];

describe('JobCorrelator', () => {
  it('counts a Processed line as one successful batch job with its duration', () => {
    const { jobs } = run([L.received(), L.processed('850ms')]);
    expect(jobs.map(brief)).toEqual([
      ['text-to-image', 'stabilityai/sdxl-turbo', 'success', null, 0.85],
    ]);
    expect(jobs[0]).toMatchObject({ kind: 'batch', requestId: 'de5daa1d', source: 'processed' });
  });

  it('counts a local worker error and its HTTP 500 once, attributed through the session', () => {
    const { jobs, c } = run([
      L.received(),
      L.workerError('context deadline exceeded'),
      L.http(500, 'context deadline exceeded'),
    ]);
    expect(jobs.map(brief)).toEqual([
      ['text-to-image', 'stabilityai/sdxl-turbo', 'failure', 'timeout', null],
    ]);
    expect(c.absorbed).toBe(1);
  });

  it('leaves a worker error of an unknown session without pipeline', () => {
    const { jobs } = run([L.workerError('CUDA out of memory', 'manifestID=zzz ')]);
    expect(jobs.map(brief)).toEqual([[null, null, 'failure', 'oom', null]]);
  });

  it('counts a failed remote result once (with its duration), a successful one not at all', () => {
    const { jobs } = run([
      L.remote(null),
      L.remote('unexpected EOF'),
      L.http(500, 'unexpected EOF'),
    ]);
    expect(jobs.map(brief)).toEqual([['llm', 'm', 'failure', 'transport', 2]]);
  });

  it('counts capacity and ticket refusals once with their HTTP errors', () => {
    const { jobs } = run([
      L.capacity(),
      L.http(503, 'insufficient capacity'),
      L.ticket('TicketParams expired'),
      L.http(400, 'TicketParams expired'),
    ]);
    expect(jobs.map(brief)).toEqual([
      ['text-to-image', 'stabilityai/sdxl-turbo', 'failure', 'capacity', null],
      ['text-to-image', 'stabilityai/sdxl-turbo', 'failure', 'payment', null],
    ]);
  });

  it('counts an HTTP error without a cause on its own (a bad request is excused)', () => {
    const { jobs } = run([
      L.http(400, 'json: cannot unmarshal string into Go struct field .width of type int'),
    ]);
    expect(jobs.map(brief)).toEqual([[null, null, 'excused', 'bad_request', null]]);
  });

  it('does not let an interleaved bad request take a ticket error’s HTTP line', () => {
    const { jobs } = run([
      L.ticket('invalid ticket sendernonce'),
      L.http(400, 'json: cannot unmarshal string'),
      L.http(400, 'invalid ticket sendernonce'),
    ]);
    expect(jobs.map((j) => j.errorClass)).toEqual(['payment', 'bad_request']);
  });

  it('matches a reworded HTTP message by code and class', () => {
    const { jobs } = run([
      L.workerError('context deadline exceeded'),
      L.http(500, 'timeout: context deadline exceeded'),
    ]);
    expect(jobs).toHaveLength(1);
  });

  it('forgets an expected HTTP line after the line window', () => {
    const filler = Array.from({ length: 5 }, () => `${at('I', 'x.go:1')}noise`);
    const { jobs } = run([L.workerError('boom'), ...filler, L.http(500, 'boom')], {
      expectWindowLines: 3,
    });
    expect(jobs).toHaveLength(2);
  });

  it('forgets an expected HTTP line after the time window', () => {
    second = 0;
    const lines = [L.workerError('boom')];
    second += 120;
    lines.push(L.http(500, 'boom'));
    expect(run(lines, { expectWindowS: 30 }).jobs).toHaveLength(2);
  });

  it('bounds what it remembers', () => {
    const refusals = Array.from({ length: 50 }, () => L.capacity());
    const answers = Array.from({ length: 50 }, () => L.http(503, 'insufficient capacity'));
    const { jobs, c } = run([...refusals, ...answers], { maxPending: 8 });
    expect(jobs).toHaveLength(50 + 42);
    expect(c.absorbed).toBe(8);
  });

  it('counts a live stream start as a successful stream job without latency', () => {
    const line = `${at('I', 'ai_http.go:387')}manifestID=fafea33d manifest_id=9f380ae6 Processed request cap=Live video to video modelID=streamdiffusion-sdxl took=702.354ms`;
    const { jobs } = run([
      line,
      L.workerError('pipeline error', 'manifestID=fafea33d manifest_id=9f380ae6 '),
    ]);
    expect(jobs.map((j) => [j.kind, j.source, j.pipeline, j.outcome, j.durationS])).toEqual([
      ['stream', 'stream-start', 'live-video-to-video', 'success', null],
      ['stream', 'worker-error', 'live-video-to-video', 'failure', null],
    ]);
  });
});
