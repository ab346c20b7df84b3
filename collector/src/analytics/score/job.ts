import type { Logger } from 'pino';
import type { Store } from '../../storage/store.js';
import { HOUR_MS } from '../read/filters.js';
import { exclusive } from './exclusive.js';
import { scoreHour, type HourReport } from './scorer.js';
import { refreshSpans, type SpanReport } from './spans.js';
import { SCORER_NAME, readWatermark, storageNow, touchedSince, writeWatermark } from './touched.js';

/**
 * The periodic scorer. Each run:
 * 1. re-scores every (hour, O) touched since the previous run (new data in
 *    the current hour, late data in old hours, maintenance windows changed);
 * 2. finalises hours that ended (plus a grace period for data in flight)
 *    since the previous run: every orchestrator of the hour is scored again
 *    with the hour's cohort recomputed, so coverage counts the whole hour;
 * 3. moves the watermark to the run's start (on the storage's clock, which
 *    stamps the touched rows);
 * 4. computes the spans (merged inputs, node totals and GPU-hours of the
 *    24 h, 7 d and 30 d windows ending at the last hour boundary) that are
 *    missing or were touched, or that a failed run still owes.
 * `now` (the collector's clock) decides which hours are complete and how
 * much of the current hour a score's coverage expects.
 */

/** The collector-clock time of the last run (which hours were finalised). */
export const CLOCK_WATERMARK = `${SCORER_NAME}:finalized`;

/** How often the collector's scorer runs. */
export const SCORER_INTERVAL_MS = 60_000;

export const FINALIZE_GRACE_MS = 5 * 60_000;
/** On the first run, hours older than this are not finalised (only touched ones are scored). */
export const MAX_FINALIZE_HOURS = 48;

export interface ScorerRun {
  readonly hours: readonly HourReport[];
  readonly spans: readonly SpanReport[];
  readonly watermark: number;
}

/**
 * Hours h with previous < h + 1 h + grace ≤ now, at most the last
 * MAX_FINALIZE_HOURS (all of those on the first run).
 */
export function hoursToFinalize(previous: number | null, now: number): number[] {
  const floorHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
  const last = floorHour(now - FINALIZE_GRACE_MS) - HOUR_MS;
  const oldest = last - (MAX_FINALIZE_HOURS - 1) * HOUR_MS;
  const first =
    previous === null ? oldest : Math.max(oldest, floorHour(previous - FINALIZE_GRACE_MS));
  const out: number[] = [];
  for (let h = first; h <= last; h += HOUR_MS) out.push(h);
  return out;
}

export interface RunOptions {
  /** How far before the watermark touched rows are re-read (default WATERMARK_MARGIN_MS). */
  readonly marginMs?: number;
}

/** One run (after any other scoring run on the store in this process). */
export function runScorer(
  store: Store,
  now: number = Date.now(),
  options: RunOptions = {},
): Promise<ScorerRun> {
  return exclusive(store, () => scoreTouchedAndEnded(store, now, options));
}

async function scoreTouchedAndEnded(
  store: Store,
  now: number,
  options: RunOptions,
): Promise<ScorerRun> {
  const previous = await readWatermark(store);
  const previousNow = await readWatermark(store, CLOCK_WATERMARK);
  const started = await storageNow(store);
  const touched = await touchedSince(store, previous, options.marginMs);
  const finalize = new Set(hoursToFinalize(previousNow, now));
  const hours = [...new Set([...touched.keys(), ...finalize])].sort((a, b) => a - b);
  const reports: HourReport[] = [];
  for (const h of hours) {
    const all = finalize.has(h);
    const orchestrators = touched.get(h);
    reports.push(
      await scoreHour(store, new Date(h), {
        now,
        refreshCohorts: all,
        ...(all || orchestrators === undefined ? {} : { orchestrators }),
      }),
    );
  }
  await writeWatermark(store, started);
  await writeWatermark(store, now, CLOCK_WATERMARK);
  // After the watermarks: a failure here keeps the scores (the span is owed).
  const spans = await refreshSpans(store, now, touched);
  return { hours: reports, spans, watermark: started };
}

export interface PeriodicScorer {
  /** One run now (or the one in progress). */
  runOnce(): Promise<ScorerRun | null>;
  stop(): Promise<void>;
}

/** Runs the scorer every `intervalMs`; failures are logged and retried next time. */
export function startPeriodicScorer(
  store: Store,
  options: { intervalMs: number; log?: Logger; now?: () => number },
): PeriodicScorer {
  const now = options.now ?? Date.now;
  let inFlight: Promise<ScorerRun | null> | null = null;
  let stopped = false;
  const runOnce = (): Promise<ScorerRun | null> =>
    (inFlight ??= runScorer(store, now())
      .then((r) => {
        const scored = r.hours.reduce((n, h) => n + h.scored, 0);
        if (scored > 0) options.log?.debug({ hours: r.hours.length, scored }, 'SLA scores updated');
        return r;
      })
      .catch((err: unknown) => {
        options.log?.warn({ err }, 'SLA scoring failed; retrying next run');
        return null;
      })
      .finally(() => {
        inFlight = null;
      }));
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, options.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
