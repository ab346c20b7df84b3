import { normalizeAddress, pipelineFromCapability, type PipelineId } from '@naap/otel';
import type { Capability, Target } from './types.js';

/**
 * Reads go-livepeer's CLI `GET /getNetworkCapabilities`
 * (`{"orchestrators":[{address, orch_uri, capabilities:{constraints:{PerCapability:{<cap>:{models:{<model>:{warm,capacity}}}}}}, hardware:[{pipeline, model_id}]}]}`).
 * Entries without a valid address or URI are skipped; nothing here trusts
 * the shape of the answer.
 */

const MAX_ORCHESTRATORS = 10_000;
const MAX_MODELS = 256;

type Obj = Readonly<Record<string, unknown>>;

function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Obj)
    : null;
}

function str(value: unknown, max = 256): string | null {
  return typeof value === 'string' && value !== '' && value.length <= max ? value : null;
}

function uri(value: unknown): string | null {
  const text = str(value);
  if (text === null || !URL.canParse(text)) return null;
  const u = new URL(text);
  return u.protocol === 'https:' || u.protocol === 'http:' ? text.replace(/\/+$/, '') : null;
}

function positiveInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

function fromConstraints(caps: Obj | null): Capability[] {
  const per = obj(obj(caps?.['constraints'])?.['PerCapability']);
  const out: Capability[] = [];
  for (const [capId, entry] of Object.entries(per ?? {})) {
    const pipeline = pipelineFromCapability(capId);
    const models = obj(obj(entry)?.['models']);
    if (pipeline === null || models === null) continue;
    for (const [model, constraint] of Object.entries(models).slice(0, MAX_MODELS)) {
      const c = obj(constraint);
      if (str(model) === null) continue;
      const warm = c?.['warm'];
      out.push({
        pipeline,
        model,
        capacity: positiveInt(c?.['capacity']) ?? 1,
        warm: typeof warm === 'boolean' ? warm : null,
      });
    }
  }
  return out;
}

function fromHardware(value: unknown): { pipeline: PipelineId; model: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { pipeline: PipelineId; model: string }[] = [];
  for (const entry of value.slice(0, MAX_MODELS) as unknown[]) {
    const e = obj(entry);
    const pipeline = str(e?.['pipeline']);
    const model = str(e?.['model_id']);
    const id = pipeline === null ? null : pipelineFromCapability(pipeline);
    if (id !== null && model !== null) out.push({ pipeline: id, model });
  }
  return out;
}

/** Every (pipeline, model) of one orchestrator entry, deduplicated. */
export function capabilitiesOf(entry: Obj): Capability[] {
  const found = new Map<string, Capability>();
  for (const c of fromConstraints(obj(entry['capabilities'])))
    found.set(`${c.pipeline}|${c.model}`, c);
  for (const h of fromHardware(entry['hardware'])) {
    const key = `${h.pipeline}|${h.model}`;
    if (!found.has(key)) found.set(key, { ...h, capacity: 1, warm: null });
  }
  return [...found.values()];
}

/** Parses the JSON text of /getNetworkCapabilities; null when it is not that document. */
export function parseNetworkCapabilities(text: string): Target[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const list = obj(parsed)?.['orchestrators'];
  if (!Array.isArray(list)) return null;
  const out = new Map<string, Target>();
  for (const item of list.slice(0, MAX_ORCHESTRATORS) as unknown[]) {
    const e = obj(item);
    if (e === null) continue;
    const address = normalizeAddress(str(e['address'], 64) ?? '');
    const orchUri = uri(e['orch_uri']);
    if (address === null || orchUri === null || out.has(address)) continue;
    out.set(address, { address, uri: orchUri, capabilities: capabilitiesOf(e) });
  }
  return [...out.values()];
}
