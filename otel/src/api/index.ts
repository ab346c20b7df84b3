// The public API v1 contract (`/api/v1`): query and response schemas of every
// resource, shared by the collector (validation, OpenAPI) and the dashboard
// (types). Import as `@naap/otel/api`. Browser-safe.

export * from './common.js';
export * from './datasets.js';
export * from './errors.js';
export * from './gpu.js';
export * from './jobs.js';
export * from './live.js';
export * from './network.js';
export * from './orchestrators.js';
export * from './regions-pipelines.js';
export * from './sla.js';
export * from './testloads.js';
