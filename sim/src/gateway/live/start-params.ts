import type { FastifyRequest } from 'fastify';
import { parseFormBody } from '../body/form-body.js';
import { DEFAULT_MODEL_IDS } from '../batch/media-output.js';
import { GatewayHttpError } from '../http-errors.js';
import type { LiveStartRequest } from './streams.js';

/** MediaMTX source types go-livepeer accepts (media.MediamtxSourceTypeToString), lower-cased. */
const SOURCE_TYPES = new Set([
  'rtmpconn',
  'rtmpsconn',
  'webrtcsession',
  'srtconn',
  'rtspsession',
  'rtspssession',
]);

const plain400 = (message: string) => new GatewayHttpError(400, message, true);

/** The fields of the request body: form (urlencoded or multipart) or, in the simulator, a JSON object. */
function bodyFields(request: FastifyRequest): Map<string, string> {
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (body === undefined || body.length === 0) return new Map();
  if (type.startsWith('multipart/')) return new Map(parseFormBody(body, type).fields);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return new Map(new URLSearchParams(body.toString('utf8')));
  }
  if (!type.startsWith('application/json')) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw plain400('Failed to parse request body');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
  const entries = Object.entries(parsed as Record<string, unknown>).map(
    ([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)],
  );
  return new Map(entries);
}

function pipelineParams(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw === '') return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // falls through to the error below
  }
  throw plain400('Invalid model params');
}

/**
 * Reads POST /live/video-to-video/{stream}/start. go-livepeer (MediaMTX's
 * runOnReady hook) takes form values `source_id`, `source_type` and `query`
 * (the ingest URL's query: `pipeline`, `params`, `streamId`,
 * `orchestrator`, `rtmpOutput`). The simulator also takes those keys at the
 * top level (URL query, form, or a JSON body) and makes source_id and
 * source_type optional; the stream id defaults to the stream name.
 */
export function liveStartRequest(request: FastifyRequest, streamName: string): LiveStartRequest {
  const url = new URLSearchParams(
    request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
  );
  const body = bodyFields(request);
  const value = (k: string): string | undefined => body.get(k) ?? url.get(k) ?? undefined;
  const sourceType = value('source_type');
  if (sourceType !== undefined && !SOURCE_TYPES.has(sourceType.toLowerCase())) {
    throw plain400(`invalid source type: ${sourceType}`);
  }
  const query = new URLSearchParams(value('query') ?? '');
  const pick = (k: string): string | undefined => query.get(k) ?? value(k);
  const pipeline = pick('pipeline');
  return {
    streamName,
    streamId: pick('streamId') ?? pick('stream_id') ?? streamName,
    modelId:
      pipeline === undefined || pipeline === ''
        ? DEFAULT_MODEL_IDS['live-video-to-video']
        : pipeline,
    params: pipelineParams(pick('params')),
    orchestrator: pick('orchestrator') ?? '',
    untilMs: null,
  };
}
