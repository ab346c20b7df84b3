import { createHash } from 'node:crypto';
import type { Started } from '../routing.js';
import type { LiveStream } from './stream.js';

/** go-livepeer ai_live_video.go: `clearStreamDelay = 1 * time.Minute` after the stream ends. */
export const CLEAR_STREAM_DELAY_MS = 60_000;
/** Frame rate of the simulated ingest (go-livepeer's smoke test card: testsrc rate=30). */
export const INGEST_FPS = 30;

export type PipelineState = 'LOADING' | 'ONLINE' | 'OFFLINE';

/** ai-runner ProcessGuardian: `hashlib.md5(json.dumps(params, sort_keys=True))`. */
function paramsHash(params: Readonly<Record<string, unknown>>): string {
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('md5').update(JSON.stringify(sorted)).digest('hex');
}

function current(stream: LiveStream, atMs: number): Started | null {
  let found: Started | null = null;
  for (const s of stream.chain) if (s.job.startMs <= atMs) found = s;
  return found ?? stream.chain[0] ?? null;
}

function stateAt(stream: LiveStream, s: Started, atMs: number): PipelineState {
  if (stream.endedAtMs !== null && atMs >= stream.endedAtMs) return 'OFFLINE';
  const ptff = s.job.live?.ptffMs ?? 0;
  return s.job.outcome !== 'success' || atMs < s.job.startMs + ptff ? 'LOADING' : 'ONLINE';
}

/** The runner's last reported output FPS: the latest sample at or before `atMs`. */
function fpsAt(s: Started, atMs: number): number {
  let fps = 0;
  for (const sample of s.job.live?.fpsSamples ?? []) if (sample.atMs <= atMs) fps = sample.fps;
  return fps;
}

/**
 * GET /live/video-to-video/{streamId}/status at simulated time `atMs`, null
 * when unknown. go-livepeer answers the last `status` event of the runner
 * (ai-runner PipelineStatus: type, pipeline, start_time, state,
 * input_status, inference_status…) with the gateway's additions (stream_id,
 * request_id, pipeline_id, orchestrator_info) and `gateway_status`, and
 * clears it a minute after the stream ends. Times are Unix ms.
 */
export function streamStatus(
  stream: LiveStream,
  whepUrl: string,
  atMs: number,
): Record<string, unknown> | null {
  if (stream.endedAtMs !== null && atMs > stream.endedAtMs + CLEAR_STREAM_DELAY_MS) return null;
  const s = current(stream, atMs);
  const gateway: Record<string, unknown> = { whep_url: whepUrl };
  if (stream.error !== null)
    gateway['error'] = { error_message: stream.error, error_time: stream.endedAtMs };
  if (s === null) return { gateway_status: gateway };
  const state = stateAt(stream, s, atMs);
  const online = state === 'ONLINE';
  const until = Math.min(atMs, stream.endedAtMs ?? atMs);
  const ptff = s.job.live?.ptffMs ?? 0;
  return {
    type: 'status',
    pipeline: stream.spec.modelId,
    start_time: s.job.startMs,
    state,
    last_state_update_time: online ? s.job.startMs + ptff : (stream.endedAtMs ?? s.job.startMs),
    input_status: { last_input_time: until, fps: state === 'OFFLINE' ? 0 : INGEST_FPS },
    inference_status: {
      last_output_time: online ? atMs : null,
      fps: online ? fpsAt(s, atMs) : 0,
      last_params_update_time: s.job.startMs,
      last_params: stream.spec.params,
      last_params_hash: paramsHash(stream.spec.params),
      last_error_time: null,
      last_error: null,
      last_restart_time: null,
      last_restart_logs: null,
      restart_count: 0,
    },
    timestamp: atMs,
    stream_id: stream.spec.streamId,
    request_id: stream.requestId,
    pipeline_id: '',
    orchestrator_info: { address: s.orchestrator.address, url: s.orchestrator.serviceUri },
    gateway_status: gateway,
  };
}
