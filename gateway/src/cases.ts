import type { PipelineId } from '@naap/otel';
import type { Dataset, DatasetCase } from './datasets/index.js';

/** The runner's view of the public test datasets (`src/datasets/` loads and verifies them). */
export type {
  CaseKind,
  Dataset as TestDataset,
  DatasetCase as TestCase,
} from './datasets/index.js';

/**
 * The cases of a dataset for a pipeline. A case's model is the reference
 * one; jobs ask for the model the orchestrator advertises instead.
 */
export function casesFor(dataset: Dataset, pipeline: PipelineId): DatasetCase[] {
  return dataset.cases.filter((c) => c.pipeline === pipeline);
}
