import type { PipelineId } from '@naap/otel';
import { Rng } from '../../../generate/prng.js';
import type { CaseKind, DatasetCase, ExpectedOutput } from '../../../types.js';

/** The dataset's identity: seeds derive from it, so a new version draws new random cases. */
export const SEED_PREFIX = 'naap-testload/1.0.0';

/** Random cases per pipeline. */
export const RANDOM_CASES = 8;

export interface CaseInput {
  readonly name: string;
  readonly model: string | null;
  readonly params?: Record<string, unknown>;
  readonly media?: Record<string, string>;
  /** Default: 200 for good and random, 400 for bad. */
  readonly status?: number;
  readonly output?: ExpectedOutput;
  readonly description: string;
}

export interface PipelineCases {
  readonly good: DatasetCase[];
  readonly random: DatasetCase[];
  readonly bad: DatasetCase[];
}

/** Cases with ids `<pipeline>/<kind>-<name>` and fields in a fixed order. */
export function makeCases(
  pipeline: PipelineId,
  kind: CaseKind,
  inputs: readonly CaseInput[],
): DatasetCase[] {
  return inputs.map((c) => {
    const status = c.status ?? (kind === 'bad' ? 400 : 200);
    return {
      id: `${pipeline}/${kind}-${c.name}`,
      pipeline,
      kind,
      model: c.model,
      params: c.params ?? {},
      media: c.media ?? {},
      expect: c.output === undefined ? { status } : { status, output: c.output },
      description: c.description,
    };
  });
}

/** RANDOM_CASES cases drawn from the pipeline's own seeded generator, named 01, 02, … */
export function randomCases(
  pipeline: PipelineId,
  draw: (rng: Rng) => Omit<CaseInput, 'name'>,
): DatasetCase[] {
  const rng = Rng.fromString(`${SEED_PREFIX}/${pipeline}`);
  const inputs = Array.from({ length: RANDOM_CASES }, (_, i) => ({
    ...draw(rng),
    name: String(i + 1).padStart(2, '0'),
  }));
  return makeCases(pipeline, 'random', inputs);
}

export const imageOutput = (width: number, height: number): ExpectedOutput => ({
  type: 'image',
  width,
  height,
  contentType: 'image/png',
});

export const TEXT_OUTPUT: ExpectedOutput = { type: 'text' };
