/**
 * Fuzzing the go-livepeer job-log parsers with ≥ 10 000 seeded inputs each:
 * random text and mutations of real-shaped glog lines (the simulator's
 * writer and go-livepeer's formats). The line helpers are called directly
 * (analyzeLine has a catch-all, which would hide a throw); the events
 * analyzeLine returns are well-formed; the byte splitter keeps lines within
 * its bound whatever the chunking. No input takes near a second.
 */
import { describe, expect, it } from 'vitest';
import {
  fuzzCase,
  HANG_MS,
  int,
  mutateTextN,
  pick,
  randomInput,
  rng,
  tally,
} from '../../test-fuzz.js';
import { LineSplitter } from './line-splitter.js';
import {
  cleanLine,
  errValue,
  MAX_LINE_CHARS,
  parseContext,
  parseGlogHeader,
  tokenValue,
} from './line-text.js';
import { analyzeLine } from './parse.js';

const CASES = 10_000;
const H = (sev: string, file: string): string => `${sev}0506 14:00:01.566075       1 ${file}] `;
const CTX = 'manifestID=f374eed3 clientIP=203.0.113.11 ';
const LIVE =
  'manifestID=fafea33d clientIP=203.0.113.11 request_id=02ef4f03 manifest_id=9f380ae6 stream_id=stream-4d173df9 ';
const T2I = 'cap=Text to image modelID=stabilityai/sdxl-turbo';
const LINES = [
  `${H('I', 'ai_http.go:574')}${CTX}Processed request id=de5daa1d ${T2I} took=291.075ms`,
  `${H('I', 'ai_http.go:387')}${LIVE}Processed request cap=Live video to video modelID=streamdiffusion-sdxl took=702.354ms`,
  `${H('I', 'ai_http.go:434')}${CTX}Received request id=de5daa1d ${T2I}`,
  `${H('I', 'orchestrator.go:197')}${CTX}Payment tickets processed sessionID=33_meta-llama/Meta-Llama-3.1-8B-Instruct faceValue=0.04 ETH winProb=0.0000250000 totalTickets=5 totalEV=5000000000000.00`,
  `${H('I', 'ai_orchestrator.go:321')}${CTX}Successfully received results from remote worker=10.0.0.30:44984 taskId=0 pipeline=text-to-image model_id=stabilityai/sdxl-turbo dur=286.708875ms`,
  `${H('E', 'ai_orchestrator.go:537')}${CTX}Error processing with local ai worker err="Post \\"https://o:8935/x\\": context deadline exceeded"`,
  `${H('E', 'ai_http.go:445')}${CTX}Insufficient capacity for pipeline=text-to-image modelID=stabilityai/sdxl-turbo`,
  `${H('E', 'orchestrator.go:171')}${CTX}Error receiving ticket sessionID=27_stabilityai/sdxl-turbo recipientRandHash=b368e858b96b3061b76d6bd2b56fa743b35e5afcb960a305b7647176b566ace7 senderNonce=123: invalid ticket sendernonce`,
  `${H('E', 'handlers.go:30')}HTTP Response Error 503: Insufficient capacity for pipeline=llm modelID=meta-llama/Meta-Llama-3.1-8B-Instruct`,
  `${H('E', 'handlers.go:30')}HTTP Response Error 500: Error processing with local ai worker err="x"`,
  `\u001b[36m${H('I', 'ai_http.go:574')}\u001b[0m${CTX}Processed request id=0a1b2c3d cap=Image to video modelID=stabilityai/svd took=1m2.5s\r`,
  'I0506 14:00:00.000001 1 starter.go:1] ***Livepeer is running on the Arbitrum One network***',
];
const KINDS = new Set([
  'processed',
  'stream-start',
  'session-info',
  'remote-result',
  'worker-error',
  'capacity',
  'ticket-error',
  'http-error',
]);

function checkEvent(e: Record<string, unknown> | null): void {
  if (e === null) return;
  if (typeof e['kind'] !== 'string' || !KINDS.has(e['kind']))
    throw new Error(`kind ${String(e['kind'])}`);
  for (const key of ['durationS', 'setupS']) {
    const v = e[key];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0))
      throw new Error(`${key} ${JSON.stringify(v)}`);
  }
  const model = e['modelId'];
  if (typeof model === 'string' && (model.length > 256 || !/^[\x21-\x7e]+$/.test(model)))
    throw new Error('model id not bounded printable ASCII');
  const error = e['error'];
  if (typeof error === 'string' && error.length > MAX_LINE_CHARS)
    throw new Error('unbounded error');
}

describe('go-livepeer log line parsing under fuzzing', () => {
  it(
    `survives ${CASES} lines through analyzeLine and the line helpers`,
    { timeout: 60_000 },
    () => {
      const next = rng(7201);
      const t = tally();
      const kinds = new Map<string, number>();
      for (let i = 0; i < CASES; i++) {
        const line =
          next() < 0.1 ? randomInput(next, 500) : mutateTextN(pick(next, LINES), next, LINES);
        fuzzCase(t, `case ${i} (seed 7201)`, line.length, () => {
          const analysis = analyzeLine(line);
          checkEvent(analysis.event as unknown as Record<string, unknown> | null);
          const kind = analysis.event?.kind ?? 'none';
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          // The helpers on their own, where analyzeLine's safety net cannot hide a throw.
          const clean = cleanLine(line);
          if (clean.length > MAX_LINE_CHARS) throw new Error('cleanLine unbounded');
          const head = parseGlogHeader(clean);
          if (
            head !== null &&
            (head.length > clean.length || !Number.isFinite(head.header.timeKey))
          )
            throw new Error('bad glog header');
          parseContext(clean.slice(0, int(next, clean.length + 1)));
          for (const key of ['id', 'cap', 'modelID', 'took', 'sessionID', 'err'])
            tokenValue(clean, key, int(next, 20));
          errValue(clean, int(next, clean.length + 1));
        });
      }
      expect(t.cases).toBe(CASES);
      expect(kinds.get('none') ?? 0).toBeGreaterThan(0);
      expect(kinds.size).toBeGreaterThanOrEqual(6);
      expect(t.slowestMs).toBeLessThan(HANG_MS);
      console.info(
        `go-livepeer log fuzz: ${JSON.stringify({ ...t, kinds: Object.fromEntries(kinds) })}`,
      );
    },
  );

  it(
    `splits ${CASES} randomly chunked byte streams within the line bound`,
    { timeout: 60_000 },
    () => {
      const next = rng(7202);
      const t = tally();
      let lines = 0;
      for (let i = 0; i < CASES; i++) {
        const text = Array.from({ length: 1 + int(next, 5) }, () =>
          mutateTextN(pick(next, LINES), next, LINES),
        ).join('\n');
        const bytes = Buffer.from(text, 'utf8');
        fuzzCase(t, `case ${i} (seed 7202)`, bytes.length, () => {
          const splitter = new LineSplitter((l) => {
            if (Buffer.byteLength(l.text, 'utf8') > 512 * 3) throw new Error('line past the bound');
            lines++;
          }, 512);
          for (let at = 0; at < bytes.length;) {
            const size = 1 + int(next, 300);
            splitter.push(bytes.subarray(at, at + size));
            at += size;
          }
          splitter.flush();
          if (splitter.pendingBytes !== 0) throw new Error('bytes held after flush');
        });
      }
      expect(lines).toBeGreaterThan(CASES);
      expect(t.slowestMs).toBeLessThan(HANG_MS);
      console.info(`go-livepeer log splitter fuzz: ${JSON.stringify({ ...t, lines })}`);
    },
  );
});
