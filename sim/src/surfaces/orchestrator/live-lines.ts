import type { JobRecord } from '../../model/jobs.js';
import { goDurationFromMs } from './go-duration.js';
import { clogPrefix, glogLine, goQuote, type LogLine } from './glog.js';
import { errorText, handlingOf } from './handling.js';
import { liveIdsOf, senderOf, sessionManifestId } from './identity.js';
import {
  SRC,
  capName,
  httpErrorLine,
  jitterMs,
  paymentLine,
  ticketErrorLines,
  type LineContext,
} from './job-lines-common.js';

/**
 * go-livepeer's lines for a live-video-to-video stream on the orchestrator
 * (server/ai_http.go StartLiveVideoToVideo), which logs key=value pairs:
 *   clog.Info(ctx, "Received request", "cap", cap, "modelID", modelID)
 *   clog.Info(ctx, "Processed request", "cap", cap, "modelID", modelID, "took", took)
 * `took` is the time to start the stream in the runner, not an inference
 * time, and there is no `id=`: parsers of batch `Processed request id=…`
 * lines do not mistake it for one. The context carries clientIP, the
 * gateway's request_id, manifest_id (the orchestrator's request id) and
 * stream_id; after the payment check also the session manifestID.
 */

function contextValues(job: JobRecord, ctx: LineContext): [string, string][] {
  const ids = liveIdsOf(job);
  return [
    ['clientIP', senderOf(ctx.seed, job).clientIp],
    ['request_id', ids.gatewayRequestId],
    ['manifest_id', job.id],
    ['stream_id', ids.streamId],
  ];
}

function paidPrefix(job: JobRecord, ctx: LineContext): string {
  return clogPrefix([...contextValues(job, ctx), ['manifestID', sessionManifestId(ctx.seed, job)]]);
}

/** Time the orchestrator took to start the stream in the runner (part of prompt-to-first-frame). */
export function liveSetupMs(job: JobRecord): number {
  return Math.round((job.live?.ptffMs ?? 0) * 0.35 * 1000 + jitterMs(job, 'setup') * 1000) / 1000;
}

/** Lines logged when the stream is requested (at its start). */
export function liveStartLines(job: JobRecord, ctx: LineContext): LogLine[] {
  const handling = handlingOf(job);
  const at = job.startMs + jitterMs(job, 'recv');
  if (handling === 'bad_request') return [httpErrorLine(at, 400, errorText(job))];
  const prefix = clogPrefix(contextValues(job, ctx));
  const received = `Received request cap=${capName(job)} modelID=${job.modelId}`;
  const lines = [glogLine('I', at, SRC.liveReceived, prefix + received)];
  if (handling === 'capacity') {
    const text = `Insufficient capacity for pipeline=${job.pipeline} modelID=${job.modelId}`;
    lines.push(glogLine('E', at + 0.02, SRC.capacity, prefix + text));
    lines.push(httpErrorLine(at + 0.04, 503, 'insufficient capacity'));
    return lines;
  }
  const paid = paidPrefix(job, ctx);
  if (handling === 'payment')
    return [...lines, ...ticketErrorLines(job, paid, at + 0.3, errorText(job))];
  lines.push(...paymentLine(job, ctx, paid, at + 0.3));
  if (handling === 'processed') {
    const setup = liveSetupMs(job);
    const text = `Processed request cap=${capName(job)} modelID=${job.modelId} took=${goDurationFromMs(setup)}`;
    lines.push(glogLine('I', job.startMs + setup, SRC.liveProcessed, paid + text));
  }
  return lines;
}

/** Lines logged when the stream ends, or when starting it failed. */
export function liveEndLines(job: JobRecord, ctx: LineContext): LogLine[] {
  const handling = handlingOf(job);
  const paid = paidPrefix(job, ctx);
  if (handling === 'processing_error') {
    const text = `Error processing with local ai worker err=${goQuote(errorText(job))}`;
    return [
      glogLine('E', job.endMs - 0.1, SRC.localError, paid + text),
      httpErrorLine(job.endMs, 500, errorText(job)),
    ];
  }
  if (handling !== 'processed') return [];
  // The payment goroutine's trickle subscriber ends with the stream.
  return [
    glogLine('I', job.endMs, SRC.liveSegment, `${paid}Error getting local trickle segment err=EOF`),
  ];
}
