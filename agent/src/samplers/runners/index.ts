// runners sampler: ai-runner containers (docker), their health and live FPS from their logs.

export * from './cgroup.js';
export * from './docker-ps.js';
export * from './docker.js';
export * from './fps-line.js';
export * from './log-follow.js';
export * from './moments.js';
export * from './runner-http.js';
export * from './runner-info.js';
export * from './sampler.js';
