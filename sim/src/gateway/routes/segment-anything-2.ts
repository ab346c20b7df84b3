import { FormFields, parseFormBody } from '../body/form-body.js';
import { DEFAULT_MODEL_IDS } from '../batch/media-output.js';
import type { BatchRouteSpec } from '../batch/route-spec.js';
import { imageDecodeError, uploadedImageSize } from '../batch/validate.js';
import type { ImageSize } from '../media/image-size.js';

interface SegmentAnything2 {
  readonly modelId: string;
  readonly input: ImageSize | null;
  readonly multimask: boolean;
  readonly logits: boolean;
}

/** Largest mask side rendered (SAM2 returns masks at the image's size; the simulator scales them down). */
export const MAX_MASK_SIDE = 128;
/** Side of the low-resolution logits (SAM2: 256; smaller here to keep responses small). */
export const LOGITS_SIDE = 32;

/** Python's repr of a float, as `str(masks.tolist())` prints it: `1.0`, `-3.25`. */
function pyFloat(v: number): string {
  const t = v.toFixed(2).replace(/0+$/, '');
  return t.endsWith('.') ? `${t}0` : t;
}

function grid(
  n: number,
  h: number,
  w: number,
  cell: (m: number, y: number, x: number) => string,
): string {
  const masks = Array.from({ length: n }, (_, m) => {
    const rows = Array.from({ length: h }, (_, y) => {
      const cells = Array.from({ length: w }, (_, x) => cell(m, y, x));
      return `[${cells.join(', ')}]`;
    });
    return `[${rows.join(', ')}]`;
  });
  return `[${masks.join(', ')}]`;
}

/** A centred ellipse per mask, shrinking with the mask index: logit > 0 inside. */
function logit(m: number, y: number, x: number, h: number, w: number): number {
  const dy = (y + 0.5) / h - 0.5;
  const dx = (x + 0.5) / w - 0.5;
  const r = 0.4 - m * 0.08;
  return Math.round((r * r - (dx * dx + dy * dy)) * 100 * 4) / 4;
}

/**
 * POST /segment-anything-2, multipart (Body_genSegmentAnything2: image
 * required) → MasksResponse `{"masks","scores","logits"}`, each a string
 * holding a Python list (ai-runner: `str(masks.tolist())`): masks N×H×W,
 * scores N, logits N×32×32; N is 3 with multimask_output (default), else 1.
 */
export const segmentAnything2: BatchRouteSpec<SegmentAnything2> = {
  pipeline: 'segment-anything-2',
  path: '/segment-anything-2',
  decode(request) {
    const f = new FormFields(parseFormBody(request.body, request.contentType));
    return {
      modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS['segment-anything-2'],
      input: uploadedImageSize(f.requiredFile('image').data),
      multimask: f.bool('multimask_output') ?? true,
      logits: f.bool('return_logits') ?? true,
    };
  },
  modelId: (p) => p.modelId,
  localError: (p) => imageDecodeError(p.input),
  // CalculateSegmentAnything2LatencyScore: took / outPixels
  scoreUnits: (p) => (p.input === null ? 0 : p.input.width * p.input.height),
  render(p) {
    const n = p.multimask ? 3 : 1;
    const { width, height } = p.input ?? { width: 1, height: 1 };
    const scale = Math.min(1, MAX_MASK_SIDE / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const maskCell = (m: number, y: number, x: number) => {
      const v = logit(m, y, x, h, w);
      return p.logits ? pyFloat(v) : v > 0 ? 'True' : 'False';
    };
    const L = LOGITS_SIDE;
    return Promise.resolve({
      masks: grid(n, h, w, maskCell),
      scores: `[${Array.from({ length: n }, (_, m) => pyFloat(0.95 - m * 0.12)).join(', ')}]`,
      logits: grid(n, L, L, (m, y, x) => pyFloat(logit(m, y, x, L, L))),
    });
  },
};
