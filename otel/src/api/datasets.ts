import { Type, type Static } from 'typebox';
import {
  Count,
  CursorSchema,
  FormatSchema,
  LimitSchema,
  NextCursorSchema,
  Nullable,
  PipelineSchema,
} from './common.js';
import { CaseKindSchema } from './testloads.js';

/**
 * `GET /datasets` — the public, versioned test-load datasets: the manifest
 * (version, every file with its sha256) and the cases per pipeline.
 */
export const DatasetFileSchema = Type.Object({
  path: Type.String(),
  sha256: Nullable(Type.String()),
  bytes: Nullable(Type.Integer({ minimum: 0 })),
});
export type DatasetFile = Static<typeof DatasetFileSchema>;

export const DatasetPipelineSchema = Type.Object({
  pipeline: PipelineSchema,
  cases: Type.Object({ good: Count, random: Count, bad: Count }),
});
export type DatasetPipeline = Static<typeof DatasetPipelineSchema>;

export const DatasetsSchema = Type.Object({
  /** False when the collector has no dataset directory configured or found. */
  available: Type.Boolean(),
  name: Nullable(Type.String()),
  /** Dataset version every test-load result names (`datasetVersion`). */
  version: Nullable(Type.String()),
  /** When this version was made (ISO 8601, as in the manifest). */
  created: Nullable(Type.String()),
  description: Nullable(Type.String()),
  files: Type.Array(DatasetFileSchema),
  pipelines: Type.Array(DatasetPipelineSchema),
});
export type Datasets = Static<typeof DatasetsSchema>;

/** `GET /datasets/cases` — the cases of one pipeline, in file order. */
export const DatasetCasesQuerySchema = Type.Object(
  {
    pipeline: PipelineSchema,
    kind: Type.Optional(CaseKindSchema),
    limit: Type.Optional(LimitSchema),
    cursor: Type.Optional(CursorSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type DatasetCasesQuery = Static<typeof DatasetCasesQuerySchema>;

export const DatasetCaseSchema = Type.Object({
  pipeline: PipelineSchema,
  kind: CaseKindSchema,
  /** The case id test-load results name (`caseId`). */
  id: Type.String(),
  /** 1-based line in `<pipeline>/<kind>.jsonl`. */
  line: Type.Integer({ minimum: 1 }),
  /** The case as written in the dataset (request parameters, media references, expectations). */
  case: Type.Record(Type.String(), Type.Unknown()),
});
export type DatasetCase = Static<typeof DatasetCaseSchema>;

export const DatasetCasesSchema = Type.Object({
  version: Nullable(Type.String()),
  items: Type.Array(DatasetCaseSchema),
  nextCursor: NextCursorSchema,
});
export type DatasetCases = Static<typeof DatasetCasesSchema>;
