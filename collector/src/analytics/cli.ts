import { ConfigError } from '../config/config.js';
import { HOUR_MS } from './read/filters.js';

/**
 * `naap-collector recompute --from <time> --to <time> [flags]`: the two
 * range flags are taken here, everything else is the collector's usual
 * configuration (storage, database, …). Times are ISO 8601 or Unix
 * milliseconds; the range is widened to whole hours.
 */

export interface RecomputeArgs {
  readonly from: Date;
  readonly to: Date;
  /** The remaining arguments, for the configuration parser. */
  readonly rest: readonly string[];
}

/** Longest range one command recomputes (the hourly tables' default retention). */
export const MAX_RECOMPUTE_HOURS = 730 * 24;

export function parseTime(flag: string, value: string | undefined): Date {
  if (value === undefined || value.startsWith('--')) throw new ConfigError(`${flag} needs a value`);
  const ms = /^\d{1,16}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || value.length > 40) {
    throw new ConfigError(
      `${flag} must be an ISO 8601 time or Unix milliseconds, got "${value.slice(0, 40)}"`,
    );
  }
  return new Date(ms);
}

export function parseRecomputeArgs(args: readonly string[]): RecomputeArgs {
  let from: Date | undefined;
  let to: Date | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag !== '--from' && flag !== '--to') {
      rest.push(arg);
      continue;
    }
    const value = inline ?? args[++i];
    if (flag === '--from') from = parseTime('--from', value);
    else to = parseTime('--to', value);
  }
  if (from === undefined || to === undefined)
    throw new ConfigError('recompute needs --from and --to');
  if (to.getTime() <= from.getTime()) throw new ConfigError('--to must be after --from');
  if ((to.getTime() - from.getTime()) / HOUR_MS > MAX_RECOMPUTE_HOURS) {
    throw new ConfigError(`recompute covers ${MAX_RECOMPUTE_HOURS / 24} days at most`);
  }
  return { from, to, rest };
}

export const RECOMPUTE_USAGE =
  '  naap-collector recompute --from T --to T [flags]   re-score every hour of [from, to) (idempotent)\n';
