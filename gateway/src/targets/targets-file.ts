import { readFile } from 'node:fs/promises';
import { normalizeAddress, PIPELINE_IDS } from '@naap/otel';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import type { Target } from './types.js';

/** Largest targets file read. */
export const MAX_TARGETS_FILE_BYTES = 4 * 1024 * 1024;

const HttpUrl = Type.String({ pattern: '^https?://', maxLength: 256 });

const CapabilitySchema = Type.Object(
  {
    pipeline: Type.Enum(PIPELINE_IDS),
    model: Type.String({ minLength: 1, maxLength: 256 }),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
    warm: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const TargetSchema = Type.Object(
  {
    address: Type.String({ pattern: '^0x[0-9a-fA-F]{40}$' }),
    uri: HttpUrl,
    gatewayUrl: Type.Optional(HttpUrl),
    cliUrl: Type.Optional(HttpUrl),
    capabilities: Type.Optional(Type.Array(CapabilitySchema, { maxItems: 256 })),
  },
  { additionalProperties: false },
);

export const TargetsFileSchema = Type.Object(
  { targets: Type.Array(TargetSchema, { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);
export type TargetsFile = Static<typeof TargetsFileSchema>;

export class TargetsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetsFileError';
  }
}

const trim = (url: string): string => url.replace(/\/+$/, '');

/**
 * Parses a static target list (YAML or JSON). Errors name the file and the
 * field at fault. `capabilities` may be left out when a gateway CLI can tell.
 */
export function parseTargetsFile(
  text: string,
  origin: string,
): { target: Target; listed: boolean }[] {
  let parsed: unknown;
  try {
    parsed = parseYaml(text, { maxAliasCount: 10 });
  } catch (err) {
    throw new TargetsFileError(`${origin}: not YAML/JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  if (!Value.Check(TargetsFileSchema, parsed)) {
    const first = [...Value.Errors(TargetsFileSchema, parsed)][0];
    throw new TargetsFileError(
      `${origin}: ${first?.instancePath ?? ''} ${first?.message ?? 'invalid'}`.trim(),
    );
  }
  const seen = new Set<string>();
  return parsed.targets.map((t, i) => {
    const address = normalizeAddress(t.address) ?? '';
    if (seen.has(address))
      throw new TargetsFileError(`${origin}: /targets/${i} repeats ${address}`);
    seen.add(address);
    const gateway =
      t.gatewayUrl === undefined
        ? undefined
        : { url: trim(t.gatewayUrl), cliUrl: t.cliUrl === undefined ? null : trim(t.cliUrl) };
    const capabilities = (t.capabilities ?? []).map((c) => ({
      pipeline: c.pipeline,
      model: c.model,
      capacity: c.capacity ?? 1,
      warm: c.warm ?? null,
    }));
    return {
      target: { address, uri: trim(t.uri), capabilities, gateway },
      listed: t.capabilities !== undefined,
    };
  });
}

export async function readTargetsFile(
  path: string,
): Promise<{ target: Target; listed: boolean }[]> {
  let text: string;
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_TARGETS_FILE_BYTES)
      throw new TargetsFileError(`${path}: larger than ${MAX_TARGETS_FILE_BYTES} bytes`);
    text = buf.toString('utf8');
  } catch (err) {
    if (err instanceof TargetsFileError) throw err;
    throw new TargetsFileError(`${path}: ${(err as Error).message}`);
  }
  return parseTargetsFile(text, path);
}
