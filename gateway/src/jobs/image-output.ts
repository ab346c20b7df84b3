import { checked, jsonObject, type Answer } from './exchange.js';
import { decodePng, fetchMedia, imageProblem } from './media.js';
import type { JobContext, JobResult } from './types.js';

export type Size = { readonly width: number; readonly height: number };

const int = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;

/** The output size the case states (`expect.output.width/height`), or null. */
export function statedSize(ctx: JobContext): Size | null {
  const out = ctx.testCase.expect.output;
  const width = int(out?.['width']);
  const height = int(out?.['height']);
  return width !== null && height !== null ? { width, height } : null;
}

/** The size of the case's input image (`media.image`), or null. */
export async function inputSize(ctx: JobContext): Promise<Size | null> {
  const path = ctx.testCase.media['image'];
  return path === undefined ? null : decodePng(await ctx.media(path));
}

/** num_images_per_prompt of the request (go-livepeer: at least 1). */
export function imageCount(ctx: JobContext): number {
  return Math.max(1, int(ctx.testCase.params['num_images_per_prompt']) ?? 1);
}

/** Checks an ImageResponse `{"images":[{"url","seed","nsfw"}]}`: count, PNG decoding, size. */
export async function imageResponseProblem(
  ctx: JobContext,
  body: Buffer,
  count: number,
  size: Size | null,
): Promise<string | null> {
  const images = jsonObject(body)?.['images'];
  if (!Array.isArray(images)) return 'answer has no images array';
  if (images.length !== count) return `answer has ${images.length} images, expected ${count}`;
  for (const image of images as unknown[]) {
    const url =
      typeof image === 'object' && image !== null ? (image as { url?: unknown }).url : undefined;
    const media = await fetchMedia(ctx, url);
    if (typeof media === 'string') return media;
    const problem = imageProblem(media, size);
    if (problem !== null) return problem;
  }
  return null;
}

/** The result of an image-producing job whose 2xx answer is `x`. */
export async function imageResult(
  ctx: JobContext,
  x: Answer,
  size: Size | null,
): Promise<JobResult> {
  return checked(x, await imageResponseProblem(ctx, x.body, imageCount(ctx), size));
}
