import type { PipelineId } from '@naap/otel';

export type { PipelineId } from '@naap/otel';

/** The three kinds of case a dataset holds for each pipeline. */
export const CASE_KINDS = ['good', 'random', 'bad'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** What a served request returns, for the runner to validate. */
export const OUTPUT_TYPES = ['image', 'video', 'audio', 'text', 'masks', 'stream'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

export interface ExpectedOutput {
  type: OutputType;
  width?: number;
  height?: number;
  contentType?: string;
}

/**
 * One request of a dataset. `params` are the request's own fields (JSON
 * body fields, or multipart form fields, or the live stream's settings);
 * `model` goes into the pipeline's model field (`model_id`, `model` for
 * llm, `pipeline` for live video); `media` maps a form field to a file of
 * the dataset, by its path relative to the dataset directory.
 */
export interface DatasetCase {
  id: string;
  pipeline: PipelineId;
  kind: CaseKind;
  model: string | null;
  params: Record<string, unknown>;
  media: Record<string, string>;
  expect: { status: number; output?: ExpectedOutput };
  description: string;
}

export interface Dataset {
  name: string;
  version: string;
  dir: string;
  cases: DatasetCase[];
}

export interface VerifyReport {
  ok: boolean;
  version: string;
  files: number;
  cases: number;
  problems: string[];
}
