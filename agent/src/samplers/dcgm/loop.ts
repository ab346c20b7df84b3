import type { Logger } from 'pino';
import { aborted, backoffDelay, sleep, type BackoffPolicy } from '../nvidia-smi/backoff.js';
import { runLineStream } from '../nvidia-smi/child.js';
import { discoverGpus, type GpuIds } from './discovery.js';
import { DmonParser, dmonArgs, type DmonLine } from './dmon.js';

export interface DcgmLoopOptions {
  readonly path: string;
  readonly intervalMs: number;
  readonly log: Logger;
  readonly backoff: BackoffPolicy;
  /** Retry period while dcgmi is absent, or DCGM profiling is not available. */
  readonly idleRetryMs: number;
  readonly discoveryTimeoutMs: number;
  readonly onGpus: (gpus: GpuIds) => void;
  readonly onLine: (line: DmonLine) => void;
  /** Something went wrong that an operator can fix (host engine down, dmon exiting). */
  readonly onProblem: (description: string) => void;
  readonly random?: () => number;
}

/** Why there is no measured CUE, when there is none. */
export type DcgmAbsence = 'no-dcgmi' | 'no-profiling' | null;

export interface DcgmLoopState {
  readonly pid: number | undefined;
  readonly restarts: number;
  readonly absence: DcgmAbsence;
  readonly lastProblem: string | null;
}

/** dcgmi's words when the GPUs or the host engine cannot give profiling metrics. */
const NO_PROFILING =
  /not supported|requires (the host engine to be running as )?root|newer driver/i;

/**
 * Keeps ONE `dcgmi dmon -e <pipe fields> -d <ms>` running after mapping
 * DCGM's GPU ids to UUIDs (`dcgmi discovery -l`); restarts it with backoff.
 * With no dcgmi, or GPUs without profiling counters (GeForce boards), it
 * says so once and retries rarely: CUE then stays the nvidia-smi proxy.
 */
export class DcgmLoop {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private pid: number | undefined;
  private restarts = 0;
  private absence: DcgmAbsence = null;
  private lastProblem: string | null = null;

  constructor(private readonly o: DcgmLoopOptions) {}

  start(): void {
    this.loop ??= this.run().catch((err: unknown) => {
      this.problem(`dcgm loop failed: ${String(err)}`);
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  state(): DcgmLoopState {
    return {
      pid: this.pid,
      restarts: this.restarts,
      absence: this.absence,
      lastProblem: this.lastProblem,
    };
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    let attempt = 0;
    while (!signal.aborted) {
      const started = Date.now();
      const ended = await this.once();
      if (aborted(signal)) return;
      if (ended === 'absent') {
        await sleep(this.o.idleRetryMs, signal);
        continue;
      }
      this.absence = null;
      if (Date.now() - started >= this.o.backoff.resetAfterMs) attempt = 0;
      this.restarts++;
      await sleep(backoffDelay(attempt++, this.o.backoff, this.o.random), signal);
    }
  }

  /** One discovery and one dmon run: 'absent' when DCGM cannot measure here. */
  private async once(): Promise<'absent' | 'ended'> {
    const { signal } = this.abort;
    const found = await discoverGpus(this.o.path, this.o.discoveryTimeoutMs, signal);
    if (aborted(signal)) return 'ended';
    if (!found.ok) {
      if (found.missing) return this.absent('no-dcgmi', found.error);
      this.problem(found.error);
      return 'ended';
    }
    this.o.onGpus(found.gpus);
    const parser = new DmonParser();
    let rows = 0;
    let error: string | undefined;
    const handle = (line: DmonLine): void => {
      if (line.kind === 'row') rows++;
      if (line.kind === 'error') error ??= line.message;
      this.o.onLine(line);
    };
    const outcome = await runLineStream({
      name: 'dcgmi dmon',
      path: this.o.path,
      args: dmonArgs(this.o.intervalMs),
      signal,
      idleTimeoutMs: Math.max(30_000, 10 * this.o.intervalMs),
      onLine: (l) => {
        handle(parser.parse(l));
      },
      onOversize: () => {
        handle({ kind: 'rejected', reason: 'garbage' });
      },
      onTruncated: () => {
        if (!signal.aborted) handle({ kind: 'rejected', reason: 'garbage' });
      },
      onSpawn: (pid) => {
        this.pid = pid;
      },
    });
    this.pid = undefined;
    if (aborted(signal)) return 'ended';
    if (outcome.missing) return this.absent('no-dcgmi', outcome.description);
    if (rows === 0 && error !== undefined && NO_PROFILING.test(error))
      return this.absent('no-profiling', error);
    this.problem(error === undefined ? outcome.description : `${outcome.description}: ${error}`);
    return 'ended';
  }

  private absent(why: Exclude<DcgmAbsence, null>, detail: string): 'absent' {
    if (this.absence !== why) {
      this.o.log.info(
        `${why === 'no-dcgmi' ? 'dcgmi not found' : 'DCGM profiling not available'} (${detail}): ` +
          'CUE is reported as the nvidia-smi proxy (naap.cue.source=proxy)',
      );
    }
    this.absence = why;
    return 'absent';
  }

  private problem(description: string): void {
    if (this.lastProblem !== description) this.o.log.warn(`dcgm: ${description}`);
    this.lastProblem = description;
    this.o.onProblem(description);
  }
}
