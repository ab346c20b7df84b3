import type { RegionCode } from '@naap/otel';
import { pause } from '../clock.js';
import { checkPool, gatewayPool, type PoolCheck } from '../pinning/pool.js';
import type { PinWebhookState } from '../pinning/webhook.js';
import type { PinState } from '../report/verdict.js';
import { planWindow, type Unit } from '../schedule/plan.js';
import type { Target } from '../targets/types.js';
import type { RunnerEnv } from './env.js';
import { executeJob, type JobDone } from './execute.js';

export interface WindowOptions {
  readonly round: number;
  /** Spread jobs over this long; null: start them as soon as the budget allows. */
  readonly spreadMs: number | null;
  readonly region: RegionCode;
  readonly signal?: AbortSignal | undefined;
}

/** Pin state from what the gateway's CLI says about its pool. */
export function pinStateOf(check: PoolCheck, gatewayAsked: boolean): PinState {
  if (check === 'mixed') return { pinned: false, fallbackClass: 'unknown' };
  // The webhook named the target and the gateway asked, yet its pool is empty: it could not reach the target.
  if (check === 'absent') return { pinned: gatewayAsked, fallbackClass: 'transport' };
  return { pinned: true, fallbackClass: 'unknown' };
}

/** Starts each planned job at its time in the window and waits for all of them. */
async function runPlanned(
  env: RunnerEnv,
  units: readonly Unit[],
  pinOf: (unit: Unit) => PinState,
  o: WindowOptions,
): Promise<JobDone[]> {
  const start = env.clock.now();
  const running: Promise<JobDone | null>[] = [];
  for (const job of planWindow(units, env.config.schedule.jobsPerUnit, o.round, o.spreadMs)) {
    const wait = start + job.offsetMs - env.clock.now();
    if (wait > 0 && !(await pause(env.clock, wait, o.signal))) break;
    running.push(executeJob(env, job, pinOf(job.unit), o.region, o.signal).catch(() => null));
  }
  const done = await Promise.all(running);
  return done.filter((r): r is JobDone => r !== null);
}

/**
 * Webhook pinning, one target: the webhook answers the target alone; after
 * the settle time (longer than go-livepeer's webhook and session caches) and,
 * with a CLI, once the gateway's pool holds only the target, its jobs run.
 */
export async function webhookWindow(
  env: RunnerEnv,
  state: PinWebhookState,
  target: Target,
  units: readonly Unit[],
  o: WindowOptions,
): Promise<JobDone[]> {
  state.set([target.uri]);
  const { settleMs } = env.config.pinning;
  if (!(await pause(env.clock, settleMs, o.signal))) return [];
  const cli = env.config.gateway.cliUrl;
  let check: PoolCheck =
    cli === null ? 'unknown' : checkPool(await gatewayPool(env.fetch, cli), target.address);
  // The gateway may still hold an earlier answer: give it up to another settle time.
  const deadline = env.clock.now() + settleMs;
  const step = Math.max(250, settleMs / 10);
  while (cli !== null && check === 'mixed' && env.clock.now() < deadline) {
    if (!(await pause(env.clock, step, o.signal))) return [];
    check = checkPool(await gatewayPool(env.fetch, cli), target.address);
  }
  if (check !== 'alone' && check !== 'unknown')
    env.log.warn(
      { target: target.address, pool: check },
      'gateway pool does not hold the target alone',
    );
  const pin = pinStateOf(check, state.fetchedSinceSet());
  return runPlanned(env, units, () => pin, o);
}

/**
 * Static pinning: every target through its own gateway (go-livepeer with
 * `-orchAddr <target>`), all at once; the pool of each is checked through
 * its CLI when it has one.
 */
export async function staticWindow(
  env: RunnerEnv,
  units: readonly Unit[],
  o: WindowOptions,
): Promise<JobDone[]> {
  const pins = new Map<string, PinState>();
  for (const unit of units) {
    if (pins.has(unit.target.address)) continue;
    const cli = unit.gateway.cliUrl;
    const check =
      cli === null ? 'unknown' : checkPool(await gatewayPool(env.fetch, cli), unit.target.address);
    if (check === 'mixed')
      env.log.warn(
        { target: unit.target.address, gateway: unit.gateway.url },
        'gateway pool holds other orchestrators',
      );
    pins.set(unit.target.address, pinStateOf(check, true));
  }
  return runPlanned(
    env,
    units,
    (u) => pins.get(u.target.address) ?? pinStateOf('unknown', true),
    o,
  );
}
