import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Identity, TokenRegistry } from '../auth/tokens.js';
import {
  IngestRateError,
  mergeRefusals,
  type IngestLimiter,
  type Limited,
} from '../ingest/limits/index.js';
import { mapLogs, mapMetrics, type MappedBatch } from '../ingest/rows.js';
import {
  decodeLogsJson,
  decodeLogsProtobuf,
  decodeMetricsJson,
  decodeMetricsProtobuf,
  DecodeError,
  encodeLogsResponse,
  encodeMetricsResponse,
  encodeStatus,
} from '../otlp/index.js';
import {
  BackpressureError,
  BatchTooLargeError,
  PipelineStateError,
  StorageError,
} from '../pipeline/errors.js';
import type { Row } from '../pipeline/types.js';
import type { SelfMetrics } from '../telemetry/self-metrics.js';
import { BodyError, decodeBody, encodingOf, type BodyLimits, type OtlpEncoding } from './body.js';

/** What the OTLP routes need from the rest of the collector. */
export interface OtlpDeps {
  readonly tokens: TokenRegistry;
  readonly pipeline: { accept(batch: ReadonlyMap<string, readonly Row[]>): Promise<void> };
  readonly metrics: SelfMetrics;
  readonly limits: BodyLimits;
  /** Per-token ingest limits (attributes, series budget, rate); none: unlimited. */
  readonly ingestLimits?: IngestLimiter;
}

type Signal = 'metrics' | 'logs';

const CONTENT_TYPE: Readonly<Record<OtlpEncoding, string>> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

function send(
  reply: FastifyReply,
  status: number,
  enc: OtlpEncoding,
  body: string | Uint8Array,
): FastifyReply {
  return reply
    .code(status)
    .type(CONTENT_TYPE[enc])
    .send(typeof body === 'string' ? body : Buffer.from(body));
}

function fail(
  reply: FastifyReply,
  status: number,
  enc: OtlpEncoding,
  message: string,
  retryAfter?: number,
): FastifyReply {
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  return send(reply, status, enc, encodeStatus(message, enc));
}

/** The rows of a request, and how many of its points the ingest limits refused. */
interface Decoded {
  readonly mapped: MappedBatch;
  readonly limited: number;
}

function withLimits(mapped: MappedBatch, limited: Limited<unknown> | undefined): Decoded {
  if (limited === undefined) return { mapped, limited: 0 };
  return { mapped: mergeRefusals(mapped, limited), limited: limited.refused };
}

function decode(
  signal: Signal,
  enc: OtlpEncoding,
  body: Buffer,
  identity: Identity,
  limiter: IngestLimiter | undefined,
): Decoded {
  if (signal === 'metrics') {
    const req = enc === 'protobuf' ? decodeMetricsProtobuf(body) : decodeMetricsJson(utf8(body));
    const limited = limiter?.metrics(req, identity);
    return withLimits(mapMetrics(limited?.request ?? req, identity), limited);
  }
  const req = enc === 'protobuf' ? decodeLogsProtobuf(body) : decodeLogsJson(utf8(body));
  const limited = limiter?.logs(req, identity);
  return withLimits(mapLogs(limited?.request ?? req, identity), limited);
}

function utf8(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new DecodeError('body is not valid UTF-8', '');
  }
}

function responseBody(signal: Signal, enc: OtlpEncoding, mapped: MappedBatch): string | Uint8Array {
  const message = mapped.reasons.join('; ');
  return signal === 'metrics'
    ? encodeMetricsResponse(
        { rejectedDataPoints: mapped.rejected, ...(message ? { errorMessage: message } : {}) },
        enc,
      )
    : encodeLogsResponse(
        { rejectedLogRecords: mapped.rejected, ...(message ? { errorMessage: message } : {}) },
        enc,
      );
}

async function handle(
  signal: Signal,
  deps: OtlpDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const enc = encodingOf(request.headers['content-type']);
  const count = (status: number): void => {
    deps.metrics.requests.inc({ signal, status: String(status) });
  };
  if (enc === null) {
    count(415);
    return reply
      .code(415)
      .type('text/plain')
      .send('Content-Type must be application/x-protobuf or application/json');
  }
  const identity = deps.tokens.authenticate(request.headers.authorization);
  if (identity === null || identity.kind === 'admin') {
    count(401);
    return reply.code(401).header('www-authenticate', 'Bearer').send();
  }
  // FastifyReply is thenable: build it in a variable rather than returning from try/catch.
  let result: FastifyReply;
  try {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const body = await decodeBody(raw, request.headers['content-encoding'], deps.limits);
    deps.metrics.requestBytes.observe(body.length);
    const { mapped, limited } = decode(signal, enc, body, identity, deps.ingestLimits);
    if (mapped.tables.size > 0) await deps.pipeline.accept(mapped.tables);
    deps.metrics.accepted.inc({ signal }, mapped.accepted);
    if (mapped.rejected > limited)
      deps.metrics.rejected.inc({ signal, reason: 'invalid_point' }, mapped.rejected - limited);
    if (limited > 0) deps.metrics.rejected.inc({ signal, reason: 'limit' }, limited);
    count(200);
    result = send(reply, 200, enc, responseBody(signal, enc, mapped));
  } catch (err) {
    result = failure(err, signal, enc, deps, reply, count);
  }
  return result;
}

function failure(
  err: unknown,
  signal: Signal,
  enc: OtlpEncoding,
  deps: OtlpDeps,
  reply: FastifyReply,
  count: (status: number) => void,
): FastifyReply {
  if (err instanceof BodyError) {
    count(err.status);
    return fail(reply, err.status, enc, err.message);
  }
  if (err instanceof DecodeError) {
    count(400);
    deps.metrics.rejected.inc({ signal, reason: 'malformed' });
    return fail(reply, 400, enc, `malformed OTLP ${signal} request: ${err.message}`);
  }
  if (err instanceof IngestRateError) {
    count(429);
    deps.metrics.rejected.inc({ signal, reason: 'rate_limited' }, err.points);
    return fail(reply, 429, enc, err.message, err.retryAfterSeconds);
  }
  if (err instanceof BackpressureError) {
    const status = err.bound === 'memory' ? 429 : 503;
    count(status);
    return fail(reply, status, enc, 'the collector is busy, retry later', err.retryAfterSeconds);
  }
  if (err instanceof BatchTooLargeError) {
    count(413);
    return fail(
      reply,
      413,
      enc,
      'request holds more rows than the collector buffers at once; send smaller batches',
    );
  }
  if (err instanceof PipelineStateError) {
    count(503);
    return fail(reply, 503, enc, 'the collector is shutting down, retry later', 1);
  }
  if (err instanceof StorageError) {
    count(503);
    reply.log.error({ err }, 'storage refused rows');
    return fail(reply, 503, enc, 'storage is unavailable, retry later', err.retryAfterSeconds);
  }
  count(500);
  reply.log.error({ err }, 'ingest failed');
  return fail(reply, 500, enc, 'internal error');
}

/** `POST /v1/metrics` and `POST /v1/logs` (OTLP/HTTP), in their own scope: raw bodies. */
export function registerOtlpRoutes(app: FastifyInstance, deps: OtlpDeps): void {
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: deps.limits.maxBodyBytes },
      (_req, body, next) => {
        next(null, body);
      },
    );
    scope.post('/v1/metrics', (req, reply) => handle('metrics', deps, req, reply));
    scope.post('/v1/logs', (req, reply) => handle('logs', deps, req, reply));
    done();
  });
}
