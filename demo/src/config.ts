import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRegionCode, type RegionCode } from '@naap/otel';
import { ConfigError, parseOptions } from '@naap/otel/config';
import { ENV_PREFIX, OPTIONS } from './options.js';

/** The repository root (this file lives in demo/src or demo/dist). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface DemoConfig {
  readonly dataDir: string;
  readonly reset: boolean;
  /** History to backfill before serving, ms (0: none). */
  readonly historyMs: number;
  readonly scenario: string;
  readonly collectorPort: number;
  readonly dashboardPort: number;
  readonly gatewayRegions: readonly RegionCode[];
  readonly agents: boolean;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_HISTORY_MS = 30 * UNIT_MS.d;

/** `7d`, `36h`, `90m` or `0` → ms; errors name the flag. */
export function parseHistory(text: string): number {
  const t = text.trim();
  if (t === '0') return 0;
  const m = /^(\d+)([mhd])$/.exec(t);
  const ms = m === null ? Number.NaN : Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (!Number.isFinite(ms) || ms > MAX_HISTORY_MS)
    throw new ConfigError(
      `--history must be a duration like 7d, 36h or 90m (at most 30d), or 0; got "${text}"`,
    );
  return ms;
}

function regions(text: string): RegionCode[] {
  const out = text
    .split(',')
    .map((r) => r.trim().toUpperCase())
    .filter((r) => r !== '');
  for (const r of out) {
    if (!isRegionCode(r)) throw new ConfigError(`--gateway-regions: unknown region code "${r}"`);
  }
  return out as RegionCode[];
}

/** Builds the frozen configuration: defaults < config file < environment < flags. */
export async function loadDemoConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<DemoConfig> {
  const v = await parseOptions(OPTIONS, ENV_PREFIX, argv, env);
  const path = (p: unknown, base: string): string => {
    const s = String(p);
    return isAbsolute(s) ? s : resolve(base, s);
  };
  return Object.freeze({
    dataDir: path(v.dataDir, cwd),
    reset: v.reset === true,
    historyMs: parseHistory(String(v.history)),
    scenario: path(v.scenario, REPO_ROOT),
    collectorPort: Number(v.collectorPort),
    dashboardPort: Number(v.dashboardPort),
    gatewayRegions: Object.freeze(regions(String(v.gatewayRegions))),
    agents: v.agents !== false,
  });
}
