import type { PipelineId } from '@naap/otel';
import type { JobRecord } from '../../model/jobs.js';
import { encodePng, MAX_IMAGE_SIDE } from '../media/png.js';
import type { GatewayRuntime } from '../runtime.js';

/** go-livepeer server/ai_process.go: the model a request without model_id is routed on. */
export const DEFAULT_MODEL_IDS: Readonly<Record<PipelineId, string>> = {
  'text-to-image': 'stabilityai/sdxl-turbo',
  'image-to-image': 'stabilityai/sdxl-turbo',
  'image-to-video': 'stabilityai/stable-video-diffusion-img2vid-xt',
  upscale: 'stabilityai/stable-diffusion-x4-upscaler',
  'audio-to-text': 'openai/whisper-large-v3',
  llm: 'meta-llama/llama-3.1-8B-Instruct',
  'segment-anything-2': 'facebook/sam2-hiera-large',
  'image-to-text': 'Salesforce/blip-image-captioning-large',
  'live-video-to-video': 'noop',
  'text-to-speech': 'parler-tts/parler-tts-large-v1',
};

/** ai-worker `Media`: one generated image or video. */
export interface Media {
  readonly url: string;
  readonly seed: number;
  readonly nsfw: boolean;
}

/** The seed the runner used: the request's, else one drawn for the job. */
export function jobSeed(requested: number | undefined, job: JobRecord): number {
  return requested ?? Number.parseInt(job.id, 16) % 2_147_483_647;
}

/** go-livepeer names saved results `<random manifest id>.<ext>` under the request's session. */
export function mediaName(job: JobRecord, index: number, ext: string): string {
  return `${job.id}${index.toString(16).padStart(2, '0')}.${ext}`;
}

/** Renders and stores `count` PNG images; the ImageResponse `images` array. */
export async function storeImages(
  rt: GatewayRuntime,
  requestId: string,
  job: JobRecord,
  size: { readonly width: number; readonly height: number },
  count: number,
  seed: number,
): Promise<Media[]> {
  const images: Media[] = [];
  for (let i = 0; i < count; i++) {
    const png = await encodePng(size.width, size.height, seed + i);
    const url = rt.media.put(requestId, mediaName(job, i, 'png'), 'image/png', png);
    images.push({ url, seed: seed + i, nsfw: false });
  }
  return images;
}

/** An output size within what the simulator renders (a decoded input header may claim anything). */
export function clampSize(
  size: { readonly width: number; readonly height: number } | null,
  scale = 1,
): { width: number; height: number } {
  const side = (v: number) => Math.max(1, Math.min(MAX_IMAGE_SIDE, Math.round(v * scale)));
  return size === null
    ? { width: 512, height: 512 }
    : { width: side(size.width), height: side(size.height) };
}
