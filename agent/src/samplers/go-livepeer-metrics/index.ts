// go-livepeer-metrics sampler: go-livepeer's Prometheus /metrics → livepeer.ai.* instruments.

export * from './exposition.js';
export * from './http.js';
export * from './identity.js';
export * from './mapping.js';
export * from './periodic.js';
export * from './sampler.js';
export * from './scrape.js';
