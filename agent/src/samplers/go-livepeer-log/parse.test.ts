import { describe, expect, it } from 'vitest';
import { parseLine } from './parse.js';

// Shapes copied from naap-sim's go-livepeer log writer (batch-lines.ts, live-lines.ts).
const H = (sev: string, file: string): string => `${sev}0506 14:00:01.566075       1 ${file}] `;
const CTX = 'manifestID=f374eed3 clientIP=203.0.113.11 ';
const LIVE_CTX =
  'manifestID=fafea33d clientIP=203.0.113.11 request_id=02ef4f03 manifest_id=9f380ae6 stream_id=stream-4d173df9 ';
const T2I = 'cap=Text to image modelID=stabilityai/sdxl-turbo';
const PROCESSED = `${H('I', 'ai_http.go:574')}${CTX}Processed request id=de5daa1d ${T2I} took=291.075ms`;
const TIMEOUT =
  'Post "https://orch-a.orch.sim.invalid:8935/process/request/text-to-image": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
const quote = (s: string): string => JSON.stringify(s); // the same as Go's %q for these texts

describe('parseLine: Processed request (batch)', () => {
  it('parses a real line: id, capability with spaces, model, Go duration', () => {
    expect(parseLine(PROCESSED)).toMatchObject({
      kind: 'processed',
      requestId: 'de5daa1d',
      capability: 'Text to image',
      pipeline: 'text-to-image',
      modelId: 'stabilityai/sdxl-turbo',
      durationS: 0.291075,
      glog: { severity: 'I', month: 5, day: 6, file: 'ai_http.go', line: 574 },
    });
    const e = parseLine(PROCESSED);
    expect(e?.context.get('manifestID')).toBe('f374eed3');
    expect(e?.context.get('clientIP')).toBe('203.0.113.11');
  });

  it.each([
    ['Llm', 'meta-llama/Meta-Llama-3.1-8B-Instruct', '32.582371s', 'llm', 32.582371],
    [
      'Image to video',
      'stabilityai/stable-video-diffusion-img2vid-xt-1-1',
      '1m2.5s',
      'image-to-video',
      62.5,
    ],
    ['Segment anything 2', 'facebook/sam2-hiera-large', '850ms', 'segment-anything-2', 0.85],
    ['Audio to text', 'openai/whisper-large-v3', '2.001µs', 'audio-to-text', 2.001e-6],
    ['27', 'stabilityai/sdxl-turbo', '1h2m3.004s', 'text-to-image', 3723.004],
    ['Text to speech', 'parler-tts/parler-tts-large-v1', '0s', 'text-to-speech', 0],
  ])('cap=%s modelID=%s took=%s', (cap, model, took, pipeline, seconds) => {
    const line = `${H('I', 'ai_http.go:574')}${CTX}Processed request id=0a1b2c3d cap=${cap} modelID=${model} took=${took}`;
    const e = parseLine(line);
    expect(e).toMatchObject({ kind: 'processed', pipeline, modelId: model });
    expect(e?.kind === 'processed' ? e.durationS : NaN).toBeCloseTo(seconds, 9);
  });

  it('keeps the job when took= is missing or not a duration, without a duration', () => {
    const cut = `${H('I', 'ai_http.go:574')}Processed request id=de5daa1d ${T2I} took=%!v(MISSING)`;
    expect(parseLine(cut)).toMatchObject({ kind: 'processed', durationS: null });
  });

  it('tolerates CRLF, ANSI colours, no glog header, extra key=values', () => {
    expect(parseLine(`${PROCESSED}\r`)).toMatchObject({ durationS: 0.291075 });
    const coloured = `\u001b[32m${PROCESSED.slice(0, 5)}\u001b[0m${PROCESSED.slice(5)}\u001b[0m`;
    expect(parseLine(coloured)).toMatchObject({ kind: 'processed', durationS: 0.291075 });
    expect(parseLine(PROCESSED.slice(H('I', 'ai_http.go:574').length))).toMatchObject({
      kind: 'processed',
      glog: null,
    });
    const extra = `${H('I', 'ai_http.go:574')}${CTX}nonce=7 seqNo=3 Processed request id=de5daa1d ${T2I} took=1.5s outPixels=1048576`;
    expect(parseLine(extra)).toMatchObject({ modelId: 'stabilityai/sdxl-turbo', durationS: 1.5 });
    const journald = `May 06 14:00:01 host livepeer[123]: ${PROCESSED}`;
    expect(parseLine(journald)).toMatchObject({ kind: 'processed', durationS: 0.291075 });
  });

  it('leaves an unknown capability without a pipeline', () => {
    const line = `${H('I', 'ai_http.go:574')}Processed request id=de5daa1d cap=Capability 99 modelID=x took=1s`;
    expect(parseLine(line)).toMatchObject({ kind: 'processed', pipeline: null, modelId: 'x' });
  });
});

describe('parseLine: live streams', () => {
  it('reads Processed request without id= as a stream start, not a batch latency', () => {
    const line = `${H('I', 'ai_http.go:387')}${LIVE_CTX}Processed request cap=Live video to video modelID=streamdiffusion-sdxl took=702.354ms`;
    expect(parseLine(line)).toMatchObject({
      kind: 'stream-start',
      pipeline: 'live-video-to-video',
      modelId: 'streamdiffusion-sdxl',
      setupS: 0.702354,
    });
  });

  it('reads a live line with id= and a missing took (a go-livepeer Printf bug) as a stream start', () => {
    const line = `${H('I', 'ai_http.go:387')}Processed request id=9f380ae6 cap=Live video to video modelID=streamdiffusion-sdxl took=%!v(MISSING)`;
    expect(parseLine(line)).toMatchObject({ kind: 'stream-start', setupS: null });
  });
});

describe('parseLine: remote workers', () => {
  const REMOTE = `${H('I', 'ai_orchestrator.go:321')}${CTX}Successfully received results from remote worker=10.0.0.30:44984 taskId=0 pipeline=text-to-image model_id=stabilityai/sdxl-turbo dur=286.708875ms`;
  it('parses a success', () => {
    expect(parseLine(REMOTE)).toMatchObject({
      kind: 'remote-result',
      pipeline: 'text-to-image',
      modelId: 'stabilityai/sdxl-turbo',
      durationS: 0.286708875,
      failure: null,
    });
  });
  it('parses a failure with err=%q, classified', () => {
    const line = `${REMOTE.replace('I0506', 'E0506').replace('dur=286.708875ms', 'dur=3.546s')} err=${quote(TIMEOUT)}`;
    expect(parseLine(line)).toMatchObject({
      kind: 'remote-result',
      durationS: 3.546,
      failure: { error: TIMEOUT, errorClass: 'timeout', outcome: 'failure' },
    });
  });
});

describe('parseLine: failures', () => {
  it.each([
    [TIMEOUT, 'timeout'],
    ['CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 23.65 GiB total capacity)', 'oom'],
    ['Error processing request: pipeline error', 'runner_error'],
    ['dial tcp orch-a:8935: connect: connection refused', 'transport'],
    ['context canceled', 'client_disconnect'],
    ['unexpected response from worker', 'unknown'],
  ])('Error processing with local ai worker err=%j → %s', (err, errorClass) => {
    const line = `${H('E', 'ai_orchestrator.go:537')}${CTX}Error processing with local ai worker err=${quote(err)}`;
    const e = parseLine(line);
    expect(e).toMatchObject({ kind: 'worker-error', error: err, errorClass });
    expect(e?.kind === 'worker-error' ? e.outcome : null).toBe(
      errorClass === 'client_disconnect' ? 'excused' : 'failure',
    );
  });

  it('parses capacity refusals', () => {
    const line = `${H('E', 'ai_http.go:445')}${CTX}Insufficient capacity for pipeline=text-to-image modelID=stabilityai/sdxl-turbo`;
    expect(parseLine(line)).toMatchObject({
      kind: 'capacity',
      pipeline: 'text-to-image',
      modelId: 'stabilityai/sdxl-turbo',
      errorClass: 'capacity',
      outcome: 'failure',
    });
  });

  it('parses ticket errors with the session’s capability and model', () => {
    const line = `${H('E', 'orchestrator.go:171')}${CTX}Error receiving ticket sessionID=27_stabilityai/sdxl-turbo recipientRandHash=b368e858b96b3061b76d6bd2b56fa743b35e5afcb960a305b7647176b566ace7 senderNonce=123: invalid ticket sendernonce`;
    expect(parseLine(line)).toMatchObject({
      kind: 'ticket-error',
      pipeline: 'text-to-image',
      modelId: 'stabilityai/sdxl-turbo',
      error: 'invalid ticket sendernonce',
      errorClass: 'payment',
    });
  });

  it.each([
    [500, TIMEOUT, 'timeout', 'failure'],
    [503, 'insufficient capacity', 'capacity', 'failure'],
    [
      400,
      'json: cannot unmarshal string into Go struct field .width of type int',
      'bad_request',
      'excused',
    ],
    [400, 'Insufficient balance', 'payment', 'failure'],
    [500, 'something odd', 'runner_error', 'failure'],
  ])('HTTP Response Error %i: %s → %s', (status, message, errorClass, outcome) => {
    const line = `${H('E', 'handlers.go:30')}HTTP Response Error ${status}: ${message}`;
    expect(parseLine(line)).toMatchObject({ kind: 'http-error', status, errorClass, outcome });
  });

  it('takes pipeline and model from a one-line capacity refusal (older go-livepeer)', () => {
    const line = `${H('E', 'handlers.go:30')}HTTP Response Error 503: Insufficient capacity for pipeline=llm modelID=meta-llama/Meta-Llama-3.1-8B-Instruct`;
    expect(parseLine(line)).toMatchObject({
      kind: 'http-error',
      pipeline: 'llm',
      modelId: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      errorClass: 'capacity',
    });
  });

  it('parses the message, not a quoted one inside it', () => {
    const line = `${H('E', 'handlers.go:30')}HTTP Response Error 500: Error processing with local ai worker err="x"`;
    expect(parseLine(line)).toMatchObject({ kind: 'http-error', status: 500 });
  });
});

describe('parseLine: session lines', () => {
  it('reads Received and Payment lines as session info', () => {
    expect(
      parseLine(`${H('I', 'ai_http.go:434')}${CTX}Received request id=de5daa1d ${T2I}`),
    ).toMatchObject({ kind: 'session-info', pipeline: 'text-to-image' });
    const pay = `${H('I', 'orchestrator.go:197')}${CTX}Payment tickets processed sessionID=33_meta-llama/Meta-Llama-3.1-8B-Instruct faceValue=0.04 ETH winProb=0.0000250000 totalTickets=5 totalEV=5000000000000.00`;
    expect(parseLine(pay)).toMatchObject({
      kind: 'session-info',
      pipeline: 'llm',
      modelId: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
    });
  });
});
