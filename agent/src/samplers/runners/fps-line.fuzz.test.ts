/**
 * Fuzzing the ai-runner log-line parser (`Output FPS:` lines, with or
 * without `docker logs --timestamps` prefixes) and the `docker ps` JSON-line
 * parser with ≥ 10 000 seeded inputs each: random text and mutations of
 * real-shaped lines. They never throw, and what they return is bounded:
 * FPS in [0, 1000], stream ids of at most 128 safe characters, runner
 * containers with a 12–64 hex id and a bounded image name.
 */
import { describe, expect, it } from 'vitest';
import { fuzzCase, HANG_MS, mutateTextN, pick, randomInput, rng, tally } from '../../test-fuzz.js';
import { parseDockerPs } from './docker-ps.js';
import { MAX_FPS, MAX_STREAM_ID, parseFpsLine, splitDockerTimestamp } from './fps-line.js';

const CASES = 10_000;

const py = (message: string, manifest = '1a2b3c4d', stream = 'stream-5f2a09c1'): string =>
  `timestamp=2025-05-06 14:03:10 level=INFO location=process_guardian.py:233:_monitor_loop ` +
  `gateway_request_id=9e8d7c6b manifest_id=${manifest} stream_id=${stream} message=${message}`;

const FPS_LINES = [
  py('Output FPS: 23.97'),
  py('Output FPS: 0.00', 'abcd', ''),
  `2025-05-06T14:03:10.123456789Z ${py('Output FPS: 12.50')}`,
  '2025-05-06 14:03:10,123 INFO Output FPS: 7',
  'Output FPS: 30.00',
  py('Input FPS: 30.00'),
];

const row = (over: Record<string, unknown>): string =>
  JSON.stringify({
    Command: '"uvicorn app.main:app --host 0.0.0.0 --port 8000"',
    CreatedAt: '2025-05-06 14:00:01 +0000 UTC',
    ID: 'a'.repeat(64),
    Image: 'livepeer/ai-runner:latest',
    Labels: 'creator=ai-worker,creator_id=',
    Names: 'text-to-image_stabilityai-sdxl-turbo_8000',
    Ports: '127.0.0.1:8000->8000/tcp',
    State: 'running',
    Status: 'Up 2 hours',
    ...over,
  });

const PS_OUTPUTS = [
  [
    row({}),
    row({
      ID: 'b'.repeat(64),
      Names: 'live-video-to-video_streamdiffusion-sdxl_8900',
      Ports: '127.0.0.1:8900->8000/tcp',
    }),
    row({
      ID: 'c'.repeat(64),
      Names: 'llm_meta-llama-Meta-Llama-3.1-8B-Instruct_8501',
      Ports: '127.0.0.1:8501->8000/tcp, [::1]:8501->8000/tcp',
    }),
  ].join('\n'),
];

describe('ai-runner log lines under fuzzing', () => {
  it(`survive ${CASES} lines, FPS and stream ids bounded`, { timeout: 60_000 }, () => {
    const next = rng(7301);
    const t = tally();
    let read = 0;
    for (let i = 0; i < CASES; i++) {
      const line =
        next() < 0.1 ? randomInput(next, 300) : mutateTextN(pick(next, FPS_LINES), next, FPS_LINES);
      fuzzCase(t, `case ${i} (seed 7301)`, line.length, () => {
        const { text } = splitDockerTimestamp(line);
        const r = parseFpsLine(text);
        if (r === undefined) return;
        read++;
        if (!Number.isFinite(r.fps) || r.fps < 0 || r.fps > MAX_FPS)
          throw new Error(`fps ${r.fps}`);
        if (r.streamId !== undefined && !/^[\w.:@/+-]{1,128}$/.test(r.streamId))
          throw new Error(`stream id ${JSON.stringify(r.streamId.slice(0, 200))}`);
      });
    }
    expect(read).toBeGreaterThan(CASES / 10);
    expect(MAX_STREAM_ID).toBe(128);
    expect(t.slowestMs).toBeLessThan(HANG_MS);
    console.info(`runner FPS line fuzz: ${JSON.stringify({ ...t, read })}`);
  });
});

describe('docker ps output under fuzzing', () => {
  it(`survives ${CASES} outputs, containers well-formed`, { timeout: 60_000 }, () => {
    const next = rng(7302);
    const t = tally();
    let containers = 0;
    for (let i = 0; i < CASES; i++) {
      const text =
        next() < 0.1
          ? randomInput(next, 1000)
          : mutateTextN(pick(next, PS_OUTPUTS), next, PS_OUTPUTS);
      fuzzCase(t, `case ${i} (seed 7302)`, text.length, () => {
        const r = parseDockerPs(text);
        if (r.rejected < 0) throw new Error('negative rejection count');
        for (const c of r.containers) {
          if (!/^[0-9a-f]{12,64}$/.test(c.id)) throw new Error(`id ${c.id.slice(0, 80)}`);
          if (c.image.length > 256) throw new Error('image name unbounded');
          containers++;
        }
      });
    }
    expect(containers).toBeGreaterThan(0);
    expect(t.slowestMs).toBeLessThan(HANG_MS);
    console.info(`docker ps fuzz: ${JSON.stringify({ ...t, containers })}`);
  });
});
