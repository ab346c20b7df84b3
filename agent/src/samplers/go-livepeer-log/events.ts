import type { ErrorClass, Outcome, PipelineId } from '@naap/otel';

/** Where and when glog says a line was logged (the year is not in the header). */
export interface GlogHeader {
  readonly severity: 'I' | 'W' | 'E' | 'F';
  readonly month: number;
  readonly day: number;
  /** Seconds since midnight, with microseconds. */
  readonly secondOfDay: number;
  /** Monotonic within a year: (month·32 + day)·86400 + secondOfDay. */
  readonly timeKey: number;
  readonly file: string;
  readonly line: number;
}

interface Base {
  readonly glog: GlogHeader | null;
  /** clog context values printed before the message (`manifestID=… clientIP=…`). */
  readonly context: ReadonlyMap<string, string>;
}

interface Failure {
  /** Sanitised, bounded error text: for matching and people, never an attribute value. */
  readonly error: string;
  readonly errorClass: ErrorClass;
  readonly outcome: Exclude<Outcome, 'success'>;
}

/** `Processed request id=… cap=… modelID=… took=…`: a successful batch job. */
export interface ProcessedEvent extends Base {
  readonly kind: 'processed';
  readonly requestId: string;
  readonly capability: string;
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
  /** null when `took=` is missing or not a Go duration. */
  readonly durationS: number | null;
}

/** Live `Processed request cap=… modelID=… took=…` (no id): a stream was started. */
export interface StreamStartEvent extends Base {
  readonly kind: 'stream-start';
  readonly capability: string;
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
  /** Time to start the stream in the runner: not an inference latency. */
  readonly setupS: number | null;
}

/** `Successfully received results from remote worker=… dur=…` (with ` err="…"` when it failed). */
export interface RemoteResultEvent extends Base {
  readonly kind: 'remote-result';
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
  readonly durationS: number | null;
  /** null when the worker succeeded. */
  readonly failure: Failure | null;
}

/** `Error processing with local ai worker err="…"` (the HTTP 500 follows). */
export interface WorkerErrorEvent extends Base, Failure {
  readonly kind: 'worker-error';
}

/** `Insufficient capacity for pipeline=… modelID=…` (the HTTP 503 follows). */
export interface CapacityEvent extends Base, Failure {
  readonly kind: 'capacity';
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
}

/** `Error receiving ticket sessionID=<cap>_<model> …: <err>` (the HTTP 400 follows). */
export interface TicketErrorEvent extends Base, Failure {
  readonly kind: 'ticket-error';
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
}

/** `HTTP Response Error <code>: <message>`: what the client was answered. */
export interface HttpErrorEvent extends Base, Failure {
  readonly kind: 'http-error';
  readonly status: number;
  /** From the message where it names them (`Insufficient capacity for pipeline=… modelID=…`). */
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
}

/** `Received request …` and `Payment tickets processed sessionID=…`: which session serves what. */
export interface SessionInfoEvent extends Base {
  readonly kind: 'session-info';
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
}

export type JobEvent =
  | ProcessedEvent
  | StreamStartEvent
  | RemoteResultEvent
  | WorkerErrorEvent
  | CapacityEvent
  | TicketErrorEvent
  | HttpErrorEvent
  | SessionInfoEvent;

/** One job as counted: a batch request or a live stream (start or failure). */
export interface JobObservation {
  readonly kind: 'batch' | 'stream';
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
  readonly outcome: Outcome;
  readonly errorClass: ErrorClass | null;
  /** Orchestrator-side inference time; null for stream starts and failures without one. */
  readonly durationS: number | null;
  readonly requestId: string | null;
  /** The line event it was counted from. */
  readonly source: JobEvent['kind'];
}
