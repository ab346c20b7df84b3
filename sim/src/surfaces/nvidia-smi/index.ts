// The fake nvidia-smi of naap-sim: one simulated host, printed as nvidia-smi does.

export { COMPUTE_APP_FIELDS } from './app-fields.js';
export { parseArgs, parseFormat } from './args.js';
export type { ParseResult, QueryKind, SmiArgs, SmiCommand } from './args.js';
export { computeAppsAt, pidFor, RUNNER_PROCESS_NAME } from './compute-apps.js';
export type { ComputeApp } from './compute-apps.js';
export { CUDA_VERSION, DRIVER_VERSION, NVML_VERSION } from './driver.js';
export { EXIT, SmiError } from './errors.js';
export { resolveFields } from './field.js';
export type { FieldLookup, QueryField, Unit } from './field.js';
export {
  formatComputeApps,
  formatCsv,
  formatHeader,
  formatQueryGpu,
  formatValue,
} from './format.js';
export type { CsvFormat } from './format.js';
export { GPU_FIELDS } from './gpu-fields.js';
export type { GpuRow } from './gpu-fields.js';
export { loadHost, parseHostFile } from './host.js';
export type { SimHost } from './host.js';
export { formatGpuList } from './list.js';
export { boardSampleAt, combineMigSamples, physicalGpus } from './physical.js';
export type { PhysicalGpu } from './physical.js';
export { HELP_TEXT, helpQueryText, VERSION_TEXT } from './help.js';
export { main } from './main.js';
export { HOST_FILE_ENV, runNvidiaSmi } from './run.js';
export type { SmiIo, SmiRunOptions } from './run.js';
export { openSession } from './session.js';
export type { SmiSession } from './session.js';
export { appRowsAt, gpuRowsAt, selectBoards } from './snapshot.js';
export { formatTimestamp } from './timestamp.js';
export { NVIDIA_SMI_BIN, shellQuote, writeNvidiaSmiWrapper } from './wrapper.js';
