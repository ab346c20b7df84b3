import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { RegionCode } from '@naap/otel';

export interface TokenEntry {
  readonly token: string;
  readonly kind: 'agent' | 'gateway' | 'admin';
  readonly address?: string;
  readonly name?: string;
}

const secret = (): string => randomBytes(24).toString('hex');

/**
 * The collector's tokens file for the demo: one gateway token per test-load
 * region and one admin token (agents enroll for their own tokens). Reused
 * when it exists.
 */
export async function demoTokens(
  path: string,
  regions: readonly RegionCode[],
): Promise<TokenEntry[]> {
  const existing = await readFile(path, 'utf8')
    .then((t) => JSON.parse(t) as TokenEntry[])
    .catch(() => [] as TokenEntry[]);
  const out: TokenEntry[] = [...existing];
  const has = (pred: (e: TokenEntry) => boolean): boolean => out.some(pred);
  for (const region of regions) {
    const name = `testload-${region.toLowerCase()}`;
    if (!has((e) => e.kind === 'gateway' && e.name === name))
      out.push({ token: secret(), kind: 'gateway', name });
  }
  if (!has((e) => e.kind === 'admin'))
    out.push({ token: secret(), kind: 'admin', name: 'demo-admin' });
  await writeFile(path, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
  return out;
}

export const gatewayTokenOf = (
  tokens: readonly TokenEntry[],
  region: RegionCode,
): string | undefined =>
  tokens.find((e) => e.kind === 'gateway' && e.name === `testload-${region.toLowerCase()}`)?.token;
