// Public, versioned test datasets of the test-load gateway: loading,
// verification, request building. See ../../datasets/README.md.

export { buildRequest, type BuildRequestOptions, type BuiltRequest } from './build-request.js';
export { DatasetError } from './errors.js';
export { loadDataset } from './load.js';
export { defaultDatasetDir } from './paths.js';
export type {
  CaseKind,
  Dataset,
  DatasetCase,
  ExpectedOutput,
  OutputType,
  PipelineId,
  VerifyReport,
} from './types.js';
export { verifyDataset } from './verify.js';
