import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { isPipelineId } from '@naap/otel';
import { schemaProblems } from './manifest.js';
import { relativePathProblem } from './paths.js';
import { CASE_KINDS, OUTPUT_TYPES, type DatasetCase } from './types.js';

/** Case ids: `<pipeline>/<kind>-<name>`, lower-case, at most 128 characters. */
export const CASE_ID_PATTERN = '^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$';
const FIELD_NAME = /^[a-z_][a-z0-9_]{0,63}$/;

/** One line of a `<pipeline>/<kind>.jsonl` file. */
export const CaseLineSchema = Type.Object(
  {
    id: Type.String({ pattern: CASE_ID_PATTERN, maxLength: 128 }),
    pipeline: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Type.Enum(CASE_KINDS),
    model: Type.Union([Type.String({ minLength: 1, maxLength: 256 }), Type.Null()]),
    params: Type.Record(Type.String(), Type.Unknown(), { maxProperties: 64 }),
    media: Type.Record(Type.String(), Type.String(), { maxProperties: 8 }),
    expect: Type.Object(
      {
        status: Type.Integer({ minimum: 100, maximum: 599 }),
        output: Type.Optional(
          Type.Object(
            {
              type: Type.Enum(OUTPUT_TYPES),
              width: Type.Optional(Type.Integer({ minimum: 1, maximum: 16_384 })),
              height: Type.Optional(Type.Integer({ minimum: 1, maximum: 16_384 })),
              contentType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    description: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export type CaseLineResult =
  | { readonly ok: true; readonly value: DatasetCase }
  | { readonly ok: false; readonly error: string };

/** Validates one parsed JSONL line as a case; the error names the field at fault. */
export function parseCaseLine(value: unknown): CaseLineResult {
  if (!Value.Check(CaseLineSchema, value)) {
    return { ok: false, error: schemaProblems(CaseLineSchema, value).join('; ') };
  }
  const { pipeline } = value;
  if (!isPipelineId(pipeline)) {
    return { ok: false, error: `unknown pipeline ${JSON.stringify(pipeline)}` };
  }
  for (const [field, path] of Object.entries(value.media)) {
    if (!FIELD_NAME.test(field)) {
      return { ok: false, error: `media field name ${JSON.stringify(field)} is invalid` };
    }
    const problem = relativePathProblem(path);
    if (problem !== null) {
      return { ok: false, error: `media.${field}: path ${JSON.stringify(path)} ${problem}` };
    }
  }
  return { ok: true, value: { ...value, pipeline } };
}

/**
 * The non-empty lines of a JSONL text with their 1-based numbers. A final
 * newline is allowed; blank lines elsewhere are reported by the caller.
 */
export function jsonlLines(text: string): { line: number; text: string }[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((t, i) => ({ line: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
}
