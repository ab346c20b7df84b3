// The NaaP SLA telemetry contract: every name, unit and formula of the product.

export * from './catalog/attributes.js';
export * from './catalog/boundaries.js';
export * from './catalog/derived.js';
export * from './catalog/events.js';
export * from './catalog/markdown.js';
export * from './catalog/metrics.js';
export * from './catalog/sources.js';
export * from './catalog/units.js';
export * from './enums/errors.js';
export * from './enums/outcomes.js';
export * from './enums/pipelines.js';
export * from './enums/regions.js';
export * from './enums/throttle.js';
export * from './formulas/availability.js';
export * from './formulas/bandwidth.js';
export * from './formulas/cue.js';
export * from './formulas/jitter.js';
export * from './formulas/leaderboard.js';
export * from './formulas/rates.js';
export * from './formulas/sla-score.js';
export * from './formulas/subscores.js';
export * from './formulas/weighted.js';
export * from './wire/common.js';
export * from './wire/sla.js';
export * from './wire/testload-job.js';
