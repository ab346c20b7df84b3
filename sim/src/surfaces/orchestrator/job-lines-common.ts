import { pipelineInfo } from '@naap/otel';
import type { JobRecord } from '../../model/jobs.js';
import type { SimOrchestrator } from '../../scenario/resolve.js';
import { FACE_VALUE_WEI, TICKET_EV_WEI, WIN_PROB, randHashOf, ticketsOf } from './fees.js';
import { glogLine, type LogLine, type Source } from './glog.js';
import { hashKey } from '../../core/rng.js';

/** Source locations glog prints (go-livepeer file names; line numbers approximate). */
export const SRC = {
  received: { file: 'ai_http.go', line: 434 },
  capacity: { file: 'ai_http.go', line: 445 },
  processed: { file: 'ai_http.go', line: 574 },
  liveReceived: { file: 'ai_http.go', line: 256 },
  liveProcessed: { file: 'ai_http.go', line: 387 },
  liveSegment: { file: 'ai_http.go', line: 332 },
  httpError: { file: 'handlers.go', line: 30 },
  payment: { file: 'orchestrator.go', line: 197 },
  ticketError: { file: 'orchestrator.go', line: 171 },
  localError: { file: 'ai_orchestrator.go', line: 537 },
  remoteResult: { file: 'ai_orchestrator.go', line: 321 },
  released: { file: 'ai_orchestrator.go', line: 384 },
} as const satisfies Record<string, Source>;

/** What the job-log line builders need besides the job. */
export interface LineContext {
  readonly orchestrator: SimOrchestrator;
  readonly seed: number;
  /** glog `-v` level: Received lines need 6 (common.VERBOSE), payment lines 5 (common.DEBUG). */
  readonly verbosity: number;
  /** Jobs processed by an AI worker in the node (`local`) or a remote `-aiWorker` node. */
  readonly mode: 'local' | 'remote';
  /** Next remote-worker task id (RemoteAIWorkerManager.taskCount). */
  readonly nextTaskId: () => number;
}

/** go-livepeer's capability name as `%v` prints a core.Capability (its String()): `Text to image`. */
export const capName = (job: JobRecord): string => pipelineInfo(job.pipeline).capabilityName;

/** A deterministic sub-millisecond offset so lines of one job are not all on the same microsecond. */
export const jitterMs = (job: JobRecord, salt: string): number =>
  (hashKey([job.id, salt]) % 900) / 1000 + 0.05;

/** ProcessPayment's per-request session id: `<capability id>_<model id>`. */
export const paymentSessionId = (job: JobRecord): string =>
  `${pipelineInfo(job.pipeline).capability}_${job.modelId}`;

/** `eth.FormatUnits(faceValue, "ETH")`: WEI below 0.01 ETH, else decimal ETH. */
function formatEth(wei: number): string {
  return wei < 1e16 ? `${wei} WEI` : `${String(wei / 1e18)} ETH`;
}

/** core/orchestrator.go ProcessPayment, at common.DEBUG (5). */
export function paymentLine(
  job: JobRecord,
  ctx: LineContext,
  prefix: string,
  atMs: number,
): LogLine[] {
  if (ctx.verbosity < 5) return [];
  const tickets = ticketsOf(ctx.orchestrator, job);
  const text =
    `Payment tickets processed sessionID=${paymentSessionId(job)} faceValue=${formatEth(FACE_VALUE_WEI)} ` +
    `winProb=${WIN_PROB.toFixed(10)} totalTickets=${tickets} totalEV=${(tickets * TICKET_EV_WEI).toFixed(2)}`;
  return [glogLine('I', atMs, SRC.payment, prefix + text)];
}

/** respondWithError in server/handlers.go: `glog.Errorf("HTTP Response Error %v: %v", code, errMsg)`. */
export const httpErrorLine = (atMs: number, code: number, message: string): LogLine =>
  glogLine('E', atMs, SRC.httpError, `HTTP Response Error ${code}: ${message}`);

/** ProcessPayment refusing a ticket (clog.Errorf), then the 400 the handler answers. */
export function ticketErrorLines(
  job: JobRecord,
  prefix: string,
  atMs: number,
  err: string,
): LogLine[] {
  const nonce = hashKey(['nonce', job.id]) % 1000;
  return [
    glogLine(
      'E',
      atMs,
      SRC.ticketError,
      `${prefix}Error receiving ticket sessionID=${paymentSessionId(job)} recipientRandHash=${randHashOf(job)} senderNonce=${nonce}: ${err}`,
    ),
    httpErrorLine(atMs + 0.02, 400, err),
  ];
}
