import {
  EMPTY_MOMENTS,
  addMoments,
  fpsMean,
  jitterFromMoments,
  type FpsMoments,
  type PipelineId,
} from '@naap/otel';

/** One live stream's FPS samples seen in a runner's log, as additive moments. */
export interface StreamFps {
  readonly container: string;
  readonly streamId: string;
  readonly pipeline: PipelineId | undefined;
  readonly modelId: string;
  readonly moments: FpsMoments;
  readonly lastSampleMs: number;
}

export interface StreamFpsSnapshot extends StreamFps {
  readonly mean: number | null;
  /** σ/μ over all samples seen (jitterFromMoments); the collector computes it per window. */
  readonly jitter: number | null;
}

/** Most streams held for `snapshot()`; the least recently updated go first. */
export const MAX_STREAMS = 1000;

/**
 * Per-stream FPS moments (n, Σx, Σx²) since the agent started, for
 * `snapshot()`; the exported instruments carry the same sums.
 */
export class StreamMomentsTable {
  private readonly streams = new Map<string, StreamFps>();

  constructor(private readonly max = MAX_STREAMS) {}

  add(s: Omit<StreamFps, 'moments'>, fps: number): StreamFps {
    const key = `${s.container}\u0000${s.streamId}`;
    const before = this.streams.get(key)?.moments ?? EMPTY_MOMENTS;
    const moments = addMoments(before, { count: 1, sum: fps, sumSquares: fps * fps });
    const row: StreamFps = { ...s, moments };
    // Re-insert so the map's order is least recently updated first.
    this.streams.delete(key);
    this.streams.set(key, row);
    while (this.streams.size > this.max) {
      const oldest = this.streams.keys().next().value;
      if (oldest === undefined) break;
      this.streams.delete(oldest);
    }
    return row;
  }

  get size(): number {
    return this.streams.size;
  }

  snapshot(): StreamFpsSnapshot[] {
    return [...this.streams.values()].map((s) => ({
      ...s,
      mean: fpsMean(s.moments),
      jitter: jitterFromMoments(s.moments),
    }));
  }
}
