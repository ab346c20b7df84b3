import type { Repository } from './index.js';

/** A repository with no data: for building the app without storage (OpenAPI generation, tests). */
export function emptyRepository(overrides: Partial<Repository> = {}): Repository {
  return {
    identities: () => Promise.resolve([]),
    activity: () => Promise.resolve([]),
    jobCounts: () => Promise.resolve([]),
    swapCounts: () => Promise.resolve([]),
    probeCounts: () => Promise.resolve(new Map()),
    quantiles: () => Promise.resolve([]),
    fps: () => Promise.resolve([]),
    heartbeats: () => Promise.resolve([]),
    gpusSeen: () => Promise.resolve([]),
    gpuLatest: () => Promise.resolve([]),
    gpuLastValues: () => Promise.resolve([]),
    gpuSeries: () => Promise.resolve([]),
    testloadJobs: () => Promise.resolve([]),
    testloadAggregates: () => Promise.resolve([]),
    enrolledAgents: () => Promise.resolve(new Set<string>()),
    ...overrides,
  };
}
