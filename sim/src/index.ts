// naap-sim as a library: the simulated Livepeer network and its ground truth.

export * from './context.js';
export * from './core/clock.js';
export * from './core/keys.js';
export * from './core/rng.js';
export * from './engine.js';
export * from './model/error-strings.js';
export * from './model/gpu-state.js';
export * from './model/jobs.js';
export * from './scenario/gpu-models.js';
export * from './scenario/load.js';
export * from './scenario/pipeline-defaults.js';
export * from './scenario/resolve.js';
export * from './scenario/schema.js';
export * from './run.js';
export * from './model/truth.js';
export * from './model/stats.js';
export * from './scenario/generate.js';
export * from './gateway/index.js';
export * from './surfaces/orchestrator/index.js';
export * from './surfaces/nvidia-smi/index.js';
export * from './testing/manual-network.js';
export * from './backfill/index.js';
