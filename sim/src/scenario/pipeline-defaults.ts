import type { PipelineId } from '@naap/otel';
import type { LatencySpec } from './schema.js';

/** Typical behaviour of each pipeline, used where a scenario says nothing. */
export interface PipelineDefaults {
  readonly models: readonly string[];
  readonly latency: LatencySpec;
  /** VRAM a loaded model occupies, MiB. */
  readonly vramMiB: number;
  readonly coldStartMs: number;
  readonly demandPerHour: number;
}

export const PIPELINE_DEFAULTS: Readonly<Record<PipelineId, PipelineDefaults>> = {
  'text-to-image': {
    models: [
      'stabilityai/sdxl-turbo',
      'ByteDance/SDXL-Lightning',
      'black-forest-labs/FLUX.1-schnell',
    ],
    latency: { p50Ms: 900, p95Ms: 1800 },
    vramMiB: 10_240,
    coldStartMs: 25_000,
    demandPerHour: 240,
  },
  'image-to-image': {
    models: ['timbrooks/instruct-pix2pix'],
    latency: { p50Ms: 1200, p95Ms: 2400 },
    vramMiB: 8_192,
    coldStartMs: 20_000,
    demandPerHour: 90,
  },
  'image-to-video': {
    models: ['stabilityai/stable-video-diffusion-img2vid-xt-1-1'],
    latency: { p50Ms: 25_000, p95Ms: 45_000 },
    vramMiB: 18_432,
    coldStartMs: 40_000,
    demandPerHour: 20,
  },
  upscale: {
    models: ['stabilityai/stable-diffusion-x4-upscaler'],
    latency: { p50Ms: 4000, p95Ms: 8000 },
    vramMiB: 6_144,
    coldStartMs: 15_000,
    demandPerHour: 40,
  },
  'audio-to-text': {
    models: ['openai/whisper-large-v3'],
    latency: { p50Ms: 2500, p95Ms: 5000 },
    vramMiB: 4_096,
    coldStartMs: 12_000,
    demandPerHour: 120,
  },
  'segment-anything-2': {
    models: ['facebook/sam2-hiera-large'],
    latency: { p50Ms: 700, p95Ms: 1400 },
    vramMiB: 3_072,
    coldStartMs: 10_000,
    demandPerHour: 60,
  },
  llm: {
    models: ['meta-llama/Meta-Llama-3.1-8B-Instruct'],
    latency: { p50Ms: 3000, p95Ms: 6000 },
    vramMiB: 17_408,
    coldStartMs: 30_000,
    demandPerHour: 180,
  },
  'image-to-text': {
    models: ['Salesforce/blip-image-captioning-large'],
    latency: { p50Ms: 500, p95Ms: 1000 },
    vramMiB: 2_048,
    coldStartMs: 8_000,
    demandPerHour: 60,
  },
  'text-to-speech': {
    models: ['parler-tts/parler-tts-large-v1'],
    latency: { p50Ms: 2000, p95Ms: 4000 },
    vramMiB: 5_120,
    coldStartMs: 15_000,
    demandPerHour: 40,
  },
  'live-video-to-video': {
    models: ['streamdiffusion-sdxl', 'comfyui'],
    latency: { p50Ms: 350, p95Ms: 600 },
    vramMiB: 14_336,
    coldStartMs: 30_000,
    demandPerHour: 6,
  },
};

/** Defaults of live pipelines. */
export const LIVE_DEFAULTS = {
  fps: { mean: 24, sigma: 1.5 },
  ptff: { p50Ms: 2500, p95Ms: 5000 },
  streamMinutes: 5,
  /** Runner logs FPS about every 10 s. */
  fpsIntervalMs: 10_000,
} as const;
