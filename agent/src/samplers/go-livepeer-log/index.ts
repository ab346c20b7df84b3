// The go-livepeer-log sampler: per-job latency and job counts from go-livepeer's log.

export * from './buckets.js';
export * from './correlate.js';
export type * from './events.js';
export * from './follow-command.js';
export * from './follow-file.js';
export * from './go-duration.js';
export * from './job-stats.js';
export * from './line-splitter.js';
export * from './parse.js';
export * from './sampler.js';
export * from './source.js';
