import { badRequest } from '../http-errors.js';
import { imageSize, UNKNOWN_IMAGE_FORMAT, type ImageSize } from '../media/image-size.js';
import { MAX_IMAGE_SIDE } from '../media/png.js';

/**
 * Checks the simulated gateway makes before routing. go-livepeer itself
 * forwards most requests as decoded and lets the runner reject them; the
 * simulator answers a missing required field at once with a 400 worded like
 * go-livepeer's own checks ("text field is required", "missing required
 * fields"), so clients see a client error instead of a retry storm.
 */
export function requiredText(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw badRequest(`${name} field is required`);
  return value;
}

/** An image side: the request's or `fallback`; outside 1…MAX_IMAGE_SIDE is a 400. */
export function dimension(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > MAX_IMAGE_SIDE) {
    throw badRequest(`${name} must be between 1 and ${MAX_IMAGE_SIDE}, got ${v}`);
  }
  return v;
}

/** go-livepeer: `*req.NumImagesPerPrompt = int(math.Max(1, float64(*req.NumImagesPerPrompt)))`; capped at 8 here. */
export function imageCount(value: number | undefined): number {
  const n = Math.max(1, value ?? 1);
  if (n > 8) throw badRequest(`num_images_per_prompt must be at most 8, got ${n}`);
  return n;
}

/** The size of an uploaded image, or null (go-livepeer fails its submit step with image.ErrFormat). */
export function uploadedImageSize(data: Buffer): ImageSize | null {
  return imageSize(data);
}

/** The gateway-side submit error for an input image Go cannot decode, or null. */
export function imageDecodeError(size: ImageSize | null): string | null {
  return size === null ? UNKNOWN_IMAGE_FORMAT : null;
}
