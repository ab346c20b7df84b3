import { normalizeAddress } from '@naap/otel';
import { errorText, readLimited } from '../http.js';
import type { JobContext } from './types.js';

/** What one GET /live/video-to-video/{stream}/status says. */
export interface LiveStatus {
  /** null: not known (yet) to the gateway (404). */
  readonly state: 'LOADING' | 'ONLINE' | 'OFFLINE' | 'OTHER' | null;
  readonly fps: number | null;
  readonly orchestrator: string | null;
  readonly error: string | null;
}

const MAX_STATUS_BYTES = 1024 * 1024;

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

/** Reads a status document (ai-runner PipelineStatus plus go-livepeer's additions). */
export function parseLiveStatus(doc: Record<string, unknown>): LiveStatus {
  const state = doc['state'];
  const fps = obj(doc['inference_status'])?.['fps'];
  const address = obj(doc['orchestrator_info'])?.['address'];
  const error = obj(obj(doc['gateway_status'])?.['error'])?.['error_message'];
  return {
    state:
      state === 'LOADING' || state === 'ONLINE' || state === 'OFFLINE'
        ? state
        : typeof state === 'string'
          ? 'OTHER'
          : null,
    fps: typeof fps === 'number' && Number.isFinite(fps) && fps >= 0 ? fps : null,
    orchestrator: typeof address === 'string' ? normalizeAddress(address) : null,
    error: typeof error === 'string' && error !== '' ? error.slice(0, 1000) : null,
  };
}

/** Polls the status once; a string is a transport problem. */
export async function fetchLiveStatus(
  ctx: JobContext,
  stream: string,
): Promise<LiveStatus | string> {
  try {
    const res = await ctx.fetch(
      `${ctx.gatewayUrl}/live/video-to-video/${encodeURIComponent(stream)}/status`,
      { signal: ctx.signal },
    );
    const body = await readLimited(res, MAX_STATUS_BYTES);
    if (res.status === 404) return { state: null, fps: null, orchestrator: null, error: null };
    if (!res.ok) return `status answered HTTP ${res.status}`;
    const doc = obj(JSON.parse(body.toString('utf8')));
    return doc === null ? 'status is not a JSON object' : parseLiveStatus(doc);
  } catch (err) {
    return ctx.signal.aborted ? 'timeout' : errorText(err);
  }
}
