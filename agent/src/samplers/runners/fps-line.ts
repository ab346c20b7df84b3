/**
 * ai-runner's live FPS log lines. ProcessGuardian._monitor_loop logs every
 * ~10 s `Output FPS: {fps:.2f}` (and `Input FPS: …`), through Python logging
 * in the runner's format:
 *   timestamp=… level=INFO location=… gateway_request_id=<id> manifest_id=<id>
 *   stream_id=<id> message=Output FPS: 23.97
 * Older runners and plain handlers print the message without that context.
 */

/** Highest FPS value accepted: anything above is a corrupt line, not a measurement. */
export const MAX_FPS = 1000;
/** Longest stream id kept (the contract's `livepeer.stream.id` bound). */
export const MAX_STREAM_ID = 128;

export interface FpsLine {
  readonly fps: number;
  /** `stream_id=`, else `manifest_id=`, from the line's context; undefined when absent or empty. */
  readonly streamId: string | undefined;
}

const OUTPUT = 'Output FPS:';
const VALUE = /^\s*(\d{1,6}(?:\.\d{1,6})?)(?:\s|$)/;
const ID = /^[\w.:@/+-]{1,128}$/;
/** `docker logs --timestamps` prefix: RFC 3339 with nanoseconds, then one space. */
const DOCKER_TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) /;

/** Splits a `docker logs --timestamps` line into its timestamp and text (no timestamp: undefined). */
export function splitDockerTimestamp(line: string): { ts: string | undefined; text: string } {
  const m = DOCKER_TS.exec(line);
  return m === null ? { ts: undefined, text: line } : { ts: m[1], text: line.slice(m[0].length) };
}

/** The value of `key=` in a space-separated context (empty and unsafe values: undefined). */
function contextField(context: string, key: string): string | undefined {
  const at = context.search(new RegExp(`(?:^|\\s)${key}=`));
  if (at === -1) return undefined;
  const start = context.indexOf('=', at) + 1;
  const value = context.slice(start).split(/\s/, 1)[0] ?? '';
  return ID.test(value) ? value : undefined;
}

/** Parses an `Output FPS:` line; undefined for any other line or an implausible value. */
export function parseFpsLine(line: string): FpsLine | undefined {
  const at = line.indexOf(OUTPUT);
  if (at === -1) return undefined;
  const m = VALUE.exec(line.slice(at + OUTPUT.length));
  if (m === null) return undefined;
  const fps = Number(m[1]);
  if (!Number.isFinite(fps) || fps < 0 || fps > MAX_FPS) return undefined;
  // The context is what precedes the message; a message never names the stream of another.
  const context = line.slice(0, at);
  const streamId = contextField(context, 'stream_id') ?? contextField(context, 'manifest_id');
  return { fps, streamId: streamId?.slice(0, MAX_STREAM_ID) };
}
