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
  readonly days: number;
  readonly scenario: string;
  readonly collectorPort: number;
  readonly dashboardPort: number;
  readonly gatewayRegions: readonly RegionCode[];
  readonly agents: boolean;
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
    days: Number(v.days),
    scenario: path(v.scenario, REPO_ROOT),
    collectorPort: Number(v.collectorPort),
    dashboardPort: Number(v.dashboardPort),
    gatewayRegions: Object.freeze(regions(String(v.gatewayRegions))),
    agents: v.agents !== false,
  });
}
