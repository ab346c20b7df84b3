import type { FastifyInstance } from 'fastify';
import { DEFAULT_MODEL_IDS } from '../batch/media-output.js';
import { sendPlainError } from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';
import type { LiveStartRequest } from './streams.js';

/** go-livepeer ai_mediaserver.go: defaultSmokeTestDuration = 5 min, maxSmokeTestDuration = 60 min. */
export const DEFAULT_SMOKE_TEST_S = 5 * 60;
export const MAX_SMOKE_TEST_S = 60 * 60;

interface SmokeTest {
  readonly streamUrl: string;
  readonly durationSecs: number;
}

function parse(body: Buffer | undefined): SmokeTest | string {
  let value: unknown;
  try {
    value = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    return 'Failed to parse request body';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'Failed to parse request body';
  const { stream_url: url, duration_secs: secs } = value as Record<string, unknown>;
  if (
    (url !== undefined && typeof url !== 'string') ||
    (secs !== undefined && !Number.isInteger(secs))
  ) {
    return 'Failed to parse request body';
  }
  if (url === undefined || url === '') return 'Missing stream url';
  const durationSecs = secs === undefined || secs === 0 ? DEFAULT_SMOKE_TEST_S : (secs as number);
  if (durationSecs > MAX_SMOKE_TEST_S) return 'Request exceeds max duration 1h0m0s';
  return { streamUrl: url, durationSecs: Math.max(1, durationSecs) };
}

/** The stream the test card is pushed to: the URL's last path segment, its query as ingest parameters. */
function target(t: SmokeTest, nowMs: number): LiveStartRequest | null {
  if (!URL.canParse(t.streamUrl)) return null;
  const u = new URL(t.streamUrl);
  const name = u.pathname.split('/').filter(Boolean).at(-1);
  if (name === undefined) return null;
  const q = u.searchParams;
  return {
    streamName: name,
    streamId: q.get('streamId') ?? name,
    modelId: q.get('pipeline') ?? DEFAULT_MODEL_IDS['live-video-to-video'],
    params: {},
    orchestrator: q.get('orchestrator') ?? '',
    untilMs: nowMs + t.durationSecs * 1000,
  };
}

/**
 * PUT /live/video-to-video/smoketest `{"stream_url","duration_secs"}`:
 * go-livepeer starts ffmpeg pushing a 30 fps test card to stream_url for the
 * duration and answers 200 at once. The simulator treats stream_url as an
 * ingest into this gateway: it starts a live stream named after the URL's
 * last path segment (query: pipeline, streamId, orchestrator) that ends
 * after duration_secs of simulated time. Errors are go-livepeer's, plain text.
 */
export function registerLiveSmokeTest(app: FastifyInstance, rt: GatewayRuntime): void {
  app.all('/live/video-to-video/smoketest', async (request, reply) => {
    if (request.method !== 'PUT') return sendPlainError(reply, 405, 'Method not allowed');
    const parsed = parse(Buffer.isBuffer(request.body) ? request.body : undefined);
    if (typeof parsed === 'string') return sendPlainError(reply, 400, parsed);
    rt.log.info(
      'ai_mediaserver.go:707',
      {},
      `Starting smoke test for ${parsed.streamUrl} duration ${parsed.durationSecs}s`,
    );
    const start = target(parsed, rt.ctx.clock.now());
    if (start !== null) await rt.live.start(start);
    return reply.code(200).send();
  });
}
