/**
 * AI pipelines of the Livepeer network with their go-livepeer capability ids
 * (`core.Capability_*`) and the capability names go-livepeer prints.
 */
export interface PipelineInfo {
  readonly id: string;
  readonly capability: number;
  readonly capabilityName: string;
  readonly displayName: string;
  readonly kind: 'batch' | 'live';
  /** Path of the go-livepeer gateway AI route that serves it. */
  readonly route: string;
}

const p = <const Id extends string>(
  id: Id,
  capability: number,
  capabilityName: string,
  displayName: string,
  kind: PipelineInfo['kind'],
  route: string,
): PipelineInfo & { readonly id: Id } => ({
  id,
  capability,
  capabilityName,
  displayName,
  kind,
  route,
});

export const PIPELINES = [
  p('text-to-image', 27, 'Text to image', 'Text to image', 'batch', '/text-to-image'),
  p('image-to-image', 28, 'Image to image', 'Image to image', 'batch', '/image-to-image'),
  p('image-to-video', 29, 'Image to video', 'Image to video', 'batch', '/image-to-video'),
  p('upscale', 30, 'Upscale', 'Upscale', 'batch', '/upscale'),
  p('audio-to-text', 31, 'Audio to text', 'Audio to text', 'batch', '/audio-to-text'),
  p(
    'segment-anything-2',
    32,
    'Segment anything 2',
    'Segment Anything 2',
    'batch',
    '/segment-anything-2',
  ),
  p('llm', 33, 'Llm', 'LLM', 'batch', '/llm'),
  p('image-to-text', 34, 'Image to text', 'Image to text', 'batch', '/image-to-text'),
  p(
    'live-video-to-video',
    35,
    'Live video to video',
    'Live video to video',
    'live',
    '/live/video-to-video',
  ),
  p('text-to-speech', 36, 'Text to speech', 'Text to speech', 'batch', '/text-to-speech'),
] as const satisfies readonly PipelineInfo[];

export type PipelineId = (typeof PIPELINES)[number]['id'];

export const PIPELINE_IDS: readonly PipelineId[] = PIPELINES.map((x) => x.id);

const byId = new Map<string, PipelineInfo>(PIPELINES.map((x) => [x.id, x]));
const byCapability = new Map<number, PipelineInfo>(PIPELINES.map((x) => [x.capability, x]));
const byCapabilityName = new Map<string, PipelineInfo>(
  PIPELINES.map((x) => [x.capabilityName.toLowerCase(), x]),
);

export function isPipelineId(value: string): value is PipelineId {
  return byId.has(value);
}

export function pipelineInfo(id: PipelineId): PipelineInfo {
  const info = byId.get(id);
  if (info === undefined) throw new RangeError(`unknown pipeline: ${id}`);
  return info;
}

export function isLivePipeline(id: PipelineId): boolean {
  return pipelineInfo(id).kind === 'live';
}

function toPipelineId(info: PipelineInfo | undefined): PipelineId | null {
  return info !== undefined && isPipelineId(info.id) ? info.id : null;
}

/**
 * Maps what go-livepeer prints or sends for a capability to a pipeline id:
 * the numeric id (`27`, `"27"`), the capability name (`Text to image`, any
 * case) or the pipeline id itself. Null for anything else (including
 * transcoding capabilities).
 */
export function pipelineFromCapability(value: string | number): PipelineId | null {
  if (typeof value === 'number') {
    return toPipelineId(byCapability.get(value));
  }
  const text = value.trim();
  if (/^\d{1,4}$/.test(text)) return pipelineFromCapability(Number(text));
  return toPipelineId(byId.get(text) ?? byCapabilityName.get(text.toLowerCase()));
}
