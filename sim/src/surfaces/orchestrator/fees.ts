import type { PipelineId } from '@naap/otel';
import { hashKey } from '../../core/rng.js';
import type { JobRecord } from '../../model/jobs.js';
import type { SimOrchestrator } from '../../scenario/resolve.js';

/**
 * Deterministic probabilistic-micropayment figures per job. A gateway pays
 * `pricePerUnit × units` wei per request in tickets of fixed expected value
 * (go-livepeer's default `-ticketEV` is 1e12 wei = 1000 gwei); the
 * orchestrator records `livepeer_ticket_value_recv` (gwei: Σ ticket EV / 1e9),
 * `livepeer_tickets_recv` and `livepeer_winning_tickets_recv`
 * (monitor.TicketValueRecv/TicketsRecv/WinningTicketsRecv in
 * core/orchestrator.go ProcessPayment).
 */

/** Expected value of one ticket, wei. */
export const TICKET_EV_WEI = 1e12;
/** Face value of a ticket, wei (0.04 ETH). */
export const FACE_VALUE_WEI = 4e16;
/** Win probability = EV / face value. */
export const WIN_PROB = TICKET_EV_WEI / FACE_VALUE_WEI;

/**
 * Billing units of one request, as go-livepeer's handleAIRequest counts
 * `outPixels`: output pixels for images (1024², 25 frames of 1024×576 for
 * image-to-video), milliseconds of audio, max tokens for LLM, 1000 per
 * character for speech. Live streams are billed per second of stream here.
 */
const UNITS: Readonly<Record<PipelineId, number>> = {
  'text-to-image': 1024 * 1024,
  'image-to-image': 1024 * 1024,
  'image-to-video': 1024 * 576 * 25,
  upscale: 1024 * 1024,
  'audio-to-text': 30_000,
  'segment-anything-2': 1024 * 1024,
  llm: 256,
  'image-to-text': 1024 * 1024,
  'text-to-speech': 1000 * 120,
  'live-video-to-video': 1000,
};

/** Units billed for a job (live: per started second of stream). */
export function unitsOf(job: JobRecord): number {
  const perJob = UNITS[job.pipeline];
  return job.live === null ? perJob : perJob * Math.max(1, Math.ceil(job.durationMs / 1000));
}

/** Tickets a job's payment carried: enough tickets of TICKET_EV_WEI to cover the fee. */
export function ticketsOf(o: SimOrchestrator, job: JobRecord): number {
  const feeWei = o.pricePerUnit * unitsOf(job);
  return Math.max(1, Math.ceil(feeWei / TICKET_EV_WEI));
}

/** A deterministic 32-byte hex value (ticket recipientRandHash in error lines). */
export function randHashOf(job: JobRecord): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += hashKey(['rand', job.id, i]).toString(16).padStart(8, '0');
  return out;
}

/**
 * Counts winning tickets without randomness: the number of wins after n
 * tickets is floor(n × winProb), so the long-run rate is exact.
 */
export class WinningTickets {
  private received = 0;

  /** Wins among the next `tickets` tickets. */
  next(tickets: number): number {
    const before = Math.floor(this.received * WIN_PROB);
    this.received += tickets;
    return Math.floor(this.received * WIN_PROB) - before;
  }
}
