// dcgm sampler (optional): measured CUE from DCGM profiling through dcgmi.

export * from './discovery.js';
export * from './dmon.js';
export * from './loop.js';
export * from './sampler.js';
