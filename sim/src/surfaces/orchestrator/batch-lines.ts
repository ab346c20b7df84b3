import type { JobRecord } from '../../model/jobs.js';
import { goDurationFromMs } from './go-duration.js';
import { clogPrefix, glogLine, goQuote, type LogLine } from './glog.js';
import { errorText, handlingOf } from './handling.js';
import { senderOf, sessionManifestId } from './identity.js';
import {
  SRC,
  capName,
  httpErrorLine,
  jitterMs,
  paymentLine,
  ticketErrorLines,
  type LineContext,
} from './job-lines-common.js';
import { hashKey } from '../../core/rng.js';

/**
 * go-livepeer's log lines for one batch AI request on the orchestrator
 * (server/ai_http.go handleAIRequest, core/ai_orchestrator.go):
 *   clog.V(common.VERBOSE).Infof(ctx, "Received request id=%v cap=%v modelID=%v", requestID, cap, modelID)
 *   clog.Infof(ctx, "Processed request id=%v cap=%v modelID=%v took=%v", requestID, cap, modelID, took)
 * `cap` is a core.Capability whose String() is its name ("Text to image"),
 * `took` a time.Duration. The context carries the gateway session's
 * manifestID (from the segment credentials) and the client IP.
 */

function prefixOf(job: JobRecord, ctx: LineContext): string {
  const sender = senderOf(ctx.seed, job);
  return clogPrefix([
    ['clientIP', sender.clientIp],
    ['manifestID', sessionManifestId(ctx.seed, job)],
  ]);
}

/** Lines logged when the request arrives (and, for requests refused up front, its refusal). */
export function batchStartLines(job: JobRecord, ctx: LineContext): LogLine[] {
  const handling = handlingOf(job);
  const at = job.startMs + jitterMs(job, 'recv');
  // The body failed to decode: 400 before anything else is logged.
  if (handling === 'bad_request') return [httpErrorLine(at, 400, errorText(job))];
  const prefix = prefixOf(job, ctx);
  const lines: LogLine[] = [];
  if (ctx.verbosity >= 6) {
    const text = `Received request id=${job.id} cap=${capName(job)} modelID=${job.modelId}`;
    lines.push(glogLine('I', at, SRC.received, prefix + text));
  }
  if (handling === 'capacity') {
    const text = `Insufficient capacity for pipeline=${job.pipeline} modelID=${job.modelId}`;
    lines.push(glogLine('E', at + 0.02, SRC.capacity, prefix + text));
    lines.push(httpErrorLine(at + 0.04, 503, 'insufficient capacity'));
  } else if (handling === 'payment') {
    lines.push(...ticketErrorLines(job, prefix, at + 0.3, errorText(job)));
  } else {
    lines.push(...paymentLine(job, ctx, prefix, at + 0.3));
  }
  return lines;
}

/** The remote worker's address as the orchestrator sees its gRPC stream. */
const remoteWorkerAddr = (ctx: LineContext): string =>
  `10.0.${ctx.orchestrator.index % 250}.${20 + (hashKey([ctx.orchestrator.id]) % 200)}:${40000 + (hashKey([ctx.orchestrator.id, 'port']) % 20000)}`;

function remoteLine(job: JobRecord, ctx: LineContext, prefix: string, failed: boolean): LogLine {
  const dur = goDurationFromMs(job.durationMs * 0.985);
  const text =
    `Successfully received results from remote worker=${remoteWorkerAddr(ctx)} taskId=${ctx.nextTaskId()} ` +
    `pipeline=${job.pipeline} model_id=${job.modelId} dur=${dur}`;
  // clog.InfofErr logs at error severity with ` err=%q` when the last argument is an error.
  return failed
    ? glogLine(
        'E',
        job.endMs - 0.2,
        SRC.remoteResult,
        `${prefix}${text} err=${goQuote(errorText(job))}`,
      )
    : glogLine('I', job.endMs - 0.2, SRC.remoteResult, prefix + text);
}

/** Lines logged when the worker answered: Processed, or the processing error and the 500. */
export function batchEndLines(job: JobRecord, ctx: LineContext): LogLine[] {
  const handling = handlingOf(job);
  if (handling !== 'processed' && handling !== 'processing_error') return [];
  const prefix = prefixOf(job, ctx);
  const failed = handling === 'processing_error';
  const lines: LogLine[] = ctx.mode === 'remote' ? [remoteLine(job, ctx, prefix, failed)] : [];
  if (failed) {
    if (ctx.mode === 'local') {
      const text = `Error processing with local ai worker err=${goQuote(errorText(job))}`;
      lines.push(glogLine('E', job.endMs - 0.1, SRC.localError, prefix + text));
    }
    lines.push(httpErrorLine(job.endMs, 500, errorText(job)));
  } else {
    const text = `Processed request id=${job.id} cap=${capName(job)} modelID=${job.modelId} took=${goDurationFromMs(job.durationMs)}`;
    lines.push(glogLine('I', job.endMs, SRC.processed, prefix + text));
  }
  const released = `Released AI capacity for pipeline=${job.pipeline} model_id=${job.modelId}`;
  lines.push(glogLine('I', job.endMs + 0.06, SRC.released, released));
  return lines;
}
