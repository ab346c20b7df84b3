import {
  classifyError,
  outcomeOfError,
  pipelineFromCapability,
  sanitizeErrorMessage,
  type ErrorClass,
  type PipelineId,
} from '@naap/otel';
import type { GlogHeader, JobEvent } from './events.js';
import { parseGoDuration } from './go-duration.js';
import {
  cleanLine,
  errValue,
  keyIndex,
  parseContext,
  parseGlogHeader,
  tokenValue,
} from './line-text.js';

/**
 * Parses go-livepeer's job lines (server/ai_http.go, core/ai_orchestrator.go,
 * server/handlers.go) into events. Stateless and total: any string in,
 * an event or null out, never an exception. The message is found by its
 * fixed text anywhere after the glog header, so clog context values, other
 * prefixes and trailing additions are tolerated.
 */

const MAX_MODEL_CHARS = 200;
const MAX_CAP_CHARS = 64;
const MODEL = /^[\x21-\x7e]+$/;
const REQUEST_ID = /^[\w-]{1,64}$/;

/** Parsed line: its job event, and whether it had a glog header at all. */
export interface LineAnalysis {
  readonly event: JobEvent | null;
  readonly glog: boolean;
}

interface Ctx {
  readonly glog: GlogHeader | null;
  readonly body: string;
}

const modelOf = (value: string | null): string | null =>
  value !== null && value.length <= MAX_MODEL_CHARS && MODEL.test(value) ? value : null;

const pipelineOf = (value: string | null): PipelineId | null =>
  value === null || value.length > MAX_CAP_CHARS ? null : pipelineFromCapability(value);

function failure(raw: string, errorClass: ErrorClass) {
  return { error: sanitizeErrorMessage(raw), errorClass, outcome: outcomeOfError(errorClass) };
}

function base(c: Ctx, at: number) {
  return { glog: c.glog, context: parseContext(c.body.slice(0, at)) };
}

/** `Processed request [id=…] cap=<name with spaces> modelID=… took=…`. */
function processed(c: Ctx, at: number): JobEvent | null {
  const rest = c.body.slice(at + 'Processed request '.length);
  const capAt = keyIndex(rest, 'cap');
  const modelAt = capAt === -1 ? -1 : rest.indexOf(' modelID=', capAt);
  if (modelAt === -1) return null;
  const capability = rest.slice(capAt + 4, modelAt);
  if (capability.length > MAX_CAP_CHARS) return null;
  const pipeline = pipelineFromCapability(capability);
  const modelId = modelOf(tokenValue(rest, 'modelID', modelAt));
  const took = tokenValue(rest, 'took', modelAt);
  const durationS = took === null ? null : parseGoDuration(took);
  const id = rest.startsWith('id=') ? tokenValue(rest, 'id') : null;
  const live = pipeline === 'live-video-to-video';
  if (id === null || live) {
    return {
      kind: 'stream-start',
      ...base(c, at),
      capability,
      pipeline,
      modelId,
      setupS: durationS,
    };
  }
  if (!REQUEST_ID.test(id)) return null;
  const requestId = id;
  return { kind: 'processed', ...base(c, at), requestId, capability, pipeline, modelId, durationS };
}

/** `Successfully received results from remote worker=… pipeline=… model_id=… dur=…[ err="…"]`. */
function remote(c: Ctx, at: number): JobEvent {
  const rest = c.body.slice(at);
  const errAt = keyIndex(rest, 'err');
  const fields = errAt === -1 ? rest : rest.slice(0, errAt);
  const dur = tokenValue(fields, 'dur');
  const err = errAt === -1 ? null : errValue(rest, errAt + 4);
  return {
    kind: 'remote-result',
    ...base(c, at),
    pipeline: pipelineOf(tokenValue(fields, 'pipeline')),
    modelId: modelOf(tokenValue(fields, 'model_id')),
    durationS: dur === null ? null : parseGoDuration(dur),
    failure: err === null ? null : failure(err, classifyError(err)),
  };
}

function workerError(c: Ctx, at: number): JobEvent {
  const rest = c.body.slice(at);
  const errAt = keyIndex(rest, 'err');
  const err = errAt === -1 ? '' : errValue(rest, errAt + 4);
  return { kind: 'worker-error', ...base(c, at), ...failure(err, classifyError(err)) };
}

function capacity(c: Ctx, at: number): JobEvent {
  const rest = c.body.slice(at);
  return {
    kind: 'capacity',
    ...base(c, at),
    pipeline: pipelineOf(tokenValue(rest, 'pipeline')),
    modelId: modelOf(tokenValue(rest, 'modelID')),
    ...failure('insufficient capacity', 'capacity'),
  };
}

/** `<capability id>_<model id>`: ProcessPayment's session id. */
function sessionOf(value: string | null): { pipeline: PipelineId | null; modelId: string | null } {
  const m = value === null ? null : /^(\d{1,4})_(.+)$/.exec(value);
  if (m === null) return { pipeline: null, modelId: null };
  return { pipeline: pipelineFromCapability(Number(m[1])), modelId: modelOf(m[2] ?? null) };
}

function ticketError(c: Ctx, at: number): JobEvent {
  const rest = c.body.slice(at);
  const sep = rest.indexOf(': ');
  const err = sep === -1 ? '' : rest.slice(sep + 2);
  const session = sessionOf(tokenValue(sep === -1 ? rest : rest.slice(0, sep), 'sessionID'));
  const errorClass = classifyError(err, 400);
  return { kind: 'ticket-error', ...base(c, at), ...session, ...failure(err, errorClass) };
}

function httpError(c: Ctx, at: number): JobEvent | null {
  const m = /^HTTP Response Error (\d{3}): ?/.exec(c.body.slice(at));
  if (m === null) return null;
  const status = Number(m[1]);
  if (status < 400 || status > 599) return null;
  const message = c.body.slice(at + m[0].length);
  const errorClass = classifyError(message, status);
  const pipeline = pipelineOf(tokenValue(message, 'pipeline'));
  const modelId = pipeline === null ? null : modelOf(tokenValue(message, 'modelID'));
  const f = failure(message, errorClass);
  return { kind: 'http-error', ...base(c, at), status, pipeline, modelId, ...f };
}

function received(c: Ctx, at: number): JobEvent | null {
  const rest = c.body.slice(at);
  const capAt = keyIndex(rest, 'cap');
  const modelAt = capAt === -1 ? -1 : rest.indexOf(' modelID=', capAt);
  if (modelAt === -1) return null;
  const pipeline = pipelineOf(rest.slice(capAt + 4, modelAt));
  const modelId = modelOf(tokenValue(rest, 'modelID', modelAt));
  return { kind: 'session-info', ...base(c, at), pipeline, modelId };
}

function payment(c: Ctx, at: number): JobEvent {
  const session = sessionOf(tokenValue(c.body.slice(at), 'sessionID'));
  return { kind: 'session-info', ...base(c, at), ...session };
}

type Matcher = readonly [string, (c: Ctx, at: number) => JobEvent | null];

/** Message texts and their parsers. */
const MATCHERS: readonly Matcher[] = [
  ['Processed request ', processed],
  ['Received request ', received],
  ['Payment tickets processed ', payment],
  ['Successfully received results from remote worker=', remote],
  ['Error processing with local ai worker', workerError],
  ['Insufficient capacity for pipeline=', capacity],
  ['Error receiving ticket ', ticketError],
  ['HTTP Response Error ', httpError],
];

/** Parses one line; also says whether it looked like glog output at all. */
export function analyzeLine(line: string): LineAnalysis {
  try {
    const clean = cleanLine(line);
    const head = parseGlogHeader(clean);
    const c: Ctx = { glog: head?.header ?? null, body: head ? clean.slice(head.length) : clean };
    // The message is the earliest known text: error messages may quote others.
    let best: { at: number; parse: Matcher[1] } | null = null;
    for (const [text, parse] of MATCHERS) {
      const at = c.body.indexOf(text);
      if (at !== -1 && (best === null || at < best.at)) best = { at, parse };
    }
    return { event: best === null ? null : best.parse(c, best.at), glog: head !== null };
  } catch {
    // Defensive: the parsers are total, but a log line must never stop the agent.
    return { event: null, glog: false };
  }
}

/** The job event of a go-livepeer log line, or null for any other line. */
export function parseLine(line: string): JobEvent | null {
  return analyzeLine(line).event;
}
