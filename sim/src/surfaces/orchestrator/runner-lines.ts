import type { JobRecord, FpsSample } from '../../model/jobs.js';
import { hashKey } from '../../core/rng.js';
import { liveIdsOf } from './identity.js';
import type { LogLine } from './glog.js';

/**
 * ai-runner container log lines. The runner's Python logging uses
 * (runner/app/utils/log.py, runner/app/live/log.py):
 *   "timestamp=%(asctime)s level=%(levelname)s location=%(filename)s:%(lineno)d:%(funcName)s
 *    gateway_request_id=%(request_id)s manifest_id=%(manifest_id)s stream_id=%(stream_id)s message=%(message)s"
 * with datefmt "%Y-%m-%d %H:%M:%S"; uvicorn adds its own `INFO:     …` lines.
 * Live pipelines log FPS from ProcessGuardian._monitor_loop every 10 s
 * (runner/app/live/streamer/process_guardian.py):
 *   logging.info(f"Input FPS: {input_fps:.2f}")   # when > 0
 *   logging.info(f"Output FPS: {output_fps:.2f}")  # when > 0
 */

const two = (n: number): string => String(n).padStart(2, '0');

function asctime(atMs: number): string {
  const d = new Date(Math.floor(atMs));
  return (
    `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
  );
}

interface StreamFields {
  readonly gatewayRequestId: string;
  readonly manifestId: string;
  readonly streamId: string;
}

const NO_STREAM: StreamFields = { gatewayRequestId: '', manifestId: '', streamId: '' };

function streamFields(job: JobRecord): StreamFields {
  const ids = liveIdsOf(job);
  return { gatewayRequestId: ids.gatewayRequestId, manifestId: job.id, streamId: ids.streamId };
}

/** One line in ai-runner's Python log format. */
export function pyLine(
  atMs: number,
  level: 'INFO' | 'WARNING' | 'ERROR',
  location: string,
  message: string,
  f: StreamFields = NO_STREAM,
): LogLine {
  return {
    atMs,
    text:
      `timestamp=${asctime(atMs)} level=${level} location=${location} ` +
      `gateway_request_id=${f.gatewayRequestId} manifest_id=${f.manifestId} stream_id=${f.streamId} message=${message}`,
  };
}

/** uvicorn's start-up lines (no timestamps), plus the live pipeline's process start. */
export function runnerStartupLines(atMs: number, live: boolean): LogLine[] {
  const uvicorn = [
    'INFO:     Started server process [1]',
    'INFO:     Waiting for application startup.',
    'INFO:     Application startup complete.',
    'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)',
  ].map((text, i) => ({ atMs: atMs + i, text }));
  if (!live) return uvicorn;
  return [
    pyLine(
      atMs - 1,
      'INFO',
      'live_video_to_video.py:124:start_process',
      'Starting pipeline process',
    ),
    ...uvicorn,
  ];
}

/** uvicorn's access line for the request go-livepeer sent the runner. */
export function accessLine(atMs: number, job: JobRecord, route: string, ok: boolean): LogLine {
  const port = 32768 + (hashKey(['port', job.id]) % 28000);
  const status = ok ? '200 OK' : '500 Internal Server Error';
  return { atMs, text: `INFO:     172.17.0.1:${port} - "POST ${route} HTTP/1.1" ${status}` };
}

/** The stream was handed to the infer process. */
export function streamStartLines(atMs: number, job: JobRecord): LogLine[] {
  return [
    pyLine(atMs, 'INFO', 'live_video_to_video.py:69:__call__', 'Stream started successfully'),
    accessLine(atMs + 0.5, job, '/live-video-to-video', true),
  ];
}

/** A sample's input FPS: the gateway's ingest, just under 30 fps. */
export function inputFpsOf(job: JobRecord, sample: FpsSample): number {
  return Math.round(3000 - (hashKey(['in-fps', job.id, sample.atMs]) % 40)) / 100;
}

/** The FPS lines of one 10-second measurement window. */
export function fpsLines(job: JobRecord, sample: FpsSample): LogLine[] {
  const f = streamFields(job);
  const loc = 'process_guardian.py:233:_monitor_loop';
  const input = inputFpsOf(job, sample);
  const out: LogLine[] = [];
  if (input > 0) out.push(pyLine(sample.atMs, 'INFO', loc, `Input FPS: ${input.toFixed(2)}`, f));
  if (sample.fps > 0)
    out.push(pyLine(sample.atMs + 0.1, 'INFO', loc, `Output FPS: ${sample.fps.toFixed(2)}`, f));
  return out;
}

/** The infer process's loops ending with the stream. */
export function streamEndLines(atMs: number, job: JobRecord): LogLine[] {
  const f = streamFields(job);
  return [
    pyLine(atMs, 'INFO', 'streamer.py:176:run_ingress_loop', 'Ingress loop ended', f),
    pyLine(atMs + 2, 'INFO', 'streamer.py:221:run_egress_loop', 'Egress loop ended', f),
  ];
}
