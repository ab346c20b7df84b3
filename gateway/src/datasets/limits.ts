/**
 * Bounds on what a dataset may hold. A dataset directory is public input
 * (anyone may point `naap-gateway datasets verify` at one), so every read
 * is bounded and every count capped.
 */
export const DATASET_LIMITS = {
  /** manifest.json */
  manifestBytes: 256 * 1024,
  /** One JSONL case file. */
  caseFileBytes: 1024 * 1024,
  /** One JSONL line. */
  lineBytes: 64 * 1024,
  /** One media file. */
  mediaBytes: 4 * 1024 * 1024,
  /** Files listed in (or found beside) a manifest. */
  files: 1000,
  /** Cases in a whole dataset. */
  cases: 10_000,
  /** Directory depth walked when listing files. */
  depth: 8,
} as const;
