// naap-collector as a library: start it in-process (tests, the demo) and read its store.

export * from './app.js';
export * from './config/config.js';
export * from './config/resolve.js';
export * from './service.js';
export * from './storage/store.js';
export * from './storage/rollups/index.js';
