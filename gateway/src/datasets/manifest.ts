import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { isPipelineId, type PipelineId } from '@naap/otel';
import { DatasetError } from './errors.js';
import { DATASET_LIMITS } from './limits.js';
import { CASE_KINDS, type CaseKind } from './types.js';

/** The manifest's file name, at the root of a dataset version directory. */
export const MANIFEST_FILE = 'manifest.json';

const Path = Type.String({ minLength: 1, maxLength: 200 });

export const ManifestFileSchema = Type.Object(
  {
    path: Path,
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    bytes: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const PipelineFilesSchema = Type.Object(
  { good: Path, random: Path, bad: Path },
  { additionalProperties: false },
);

/**
 * `manifest.json`: the dataset's identity, the sha256 and size of every
 * other file of the directory, and per pipeline the JSONL file of each kind.
 */
export const ManifestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$', maxLength: 32 }),
    created: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' }),
    description: Type.String({ maxLength: 2000 }),
    files: Type.Array(ManifestFileSchema, { maxItems: DATASET_LIMITS.files }),
    pipelines: Type.Record(Type.String(), PipelineFilesSchema),
  },
  { additionalProperties: false },
);

export type Manifest = Static<typeof ManifestSchema>;
export type ManifestFile = Static<typeof ManifestFileSchema>;

/** `/files/3/sha256: must match pattern …` → a readable list of the first problems. */
export function schemaProblems(schema: TSchema, value: unknown): string[] {
  const out = [...Value.Errors(schema, value)].slice(0, 5).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    return `${where} ${e.message}`;
  });
  return [...new Set(out)];
}

/** Parses and validates manifest.json text; a DatasetError naming the first problems. */
export function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DatasetError('manifest_invalid', `${MANIFEST_FILE}: not JSON (${why})`);
  }
  if (!Value.Check(ManifestSchema, value)) {
    const problems = schemaProblems(ManifestSchema, value).join('; ');
    throw new DatasetError('manifest_invalid', `${MANIFEST_FILE}: ${problems}`);
  }
  for (const pipeline of Object.keys(value.pipelines)) {
    if (!isPipelineId(pipeline)) {
      throw new DatasetError(
        'manifest_invalid',
        `${MANIFEST_FILE}: unknown pipeline ${JSON.stringify(pipeline)} in pipelines`,
      );
    }
  }
  return value;
}

/** The case files of a manifest, in a stable order. */
export function caseFiles(
  manifest: Manifest,
): { pipeline: PipelineId; kind: CaseKind; path: string }[] {
  const out: { pipeline: PipelineId; kind: CaseKind; path: string }[] = [];
  for (const [pipeline, files] of Object.entries(manifest.pipelines)) {
    if (!isPipelineId(pipeline)) continue; // parseManifest rejects these
    for (const kind of CASE_KINDS) out.push({ pipeline, kind, path: files[kind] });
  }
  return out;
}
