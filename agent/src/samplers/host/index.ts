// host sampler: CPU, memory and NIC counters through systeminformation.

export * from './sampler.js';
export * from './source.js';
