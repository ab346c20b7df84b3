/** The public API's resources as the API page lists them, with an example call for each. */
export interface ApiResource {
  readonly path: string;
  readonly example: string;
  readonly what: string;
  readonly csv: boolean;
}

export const API_RESOURCES: readonly ApiResource[] = [
  {
    path: '/network/summary',
    example: '/network/summary?window=24h',
    what: 'Live KPIs of the whole network with trends against the previous window.',
    csv: false,
  },
  {
    path: '/orchestrators',
    example: '/orchestrators?window=24h&sort=score&limit=20',
    what: 'Every orchestrator with its score and figures; filters pipeline, model, region, gpu_model, q; sort; cursor paging.',
    csv: true,
  },
  {
    path: '/orchestrators/{address}',
    example: '/orchestrators/{address}?window=24h',
    what: 'Identity, agent, GPUs and figures per pipeline, model and source.',
    csv: false,
  },
  {
    path: '/leaderboard',
    example: '/leaderboard?window=7d&pipeline=text-to-image',
    what: 'Orchestrators ranked by SLA score with reliability, quality and coverage.',
    csv: true,
  },
  {
    path: '/sla/compliance',
    example: '/sla/compliance?granularity=hour&window=24h',
    what: 'Scores per hour, day or window with every input, subscore, weight and cohort: recompute any score.',
    csv: true,
  },
  {
    path: '/gpu/metrics',
    example: '/gpu/metrics?orchestrator={address}&metric=utilization&window=1h',
    what: 'GPU series (utilization, VRAM, temperature, power, clocks…), downsampled on the server.',
    csv: true,
  },
  {
    path: '/network/demand',
    example: '/network/demand?granularity=day&window=7d',
    what: 'Jobs, streams, inference minutes, capacity rate, refused requests and fees per hour, day or week.',
    csv: true,
  },
  {
    path: '/testloads/jobs',
    example: '/testloads/jobs?outcome=failure&limit=20',
    what: 'Test-load jobs, newest first, with outcome, latency, dataset case and error.',
    csv: true,
  },
  {
    path: '/testloads/summary',
    example: '/testloads/summary?window=24h',
    what: 'What the test loads ran, from which region, how often, with what result.',
    csv: true,
  },
  {
    path: '/datasets',
    example: '/datasets',
    what: 'The public test datasets: version, files with sha256, cases per pipeline.',
    csv: false,
  },
  {
    path: '/regions',
    example: '/regions?window=24h',
    what: 'Regions with their supply and test-load results.',
    csv: true,
  },
  {
    path: '/pipelines',
    example: '/pipelines?window=24h',
    what: 'Pipelines and the models the network serves.',
    csv: true,
  },
  {
    path: '/live',
    example: '/live',
    what: 'Server-Sent Events: network summary, per-orchestrator figures and test-load jobs every few seconds.',
    csv: false,
  },
  {
    path: '/aggregated_stats',
    example: '/aggregated_stats',
    what: "The Livepeer leaderboard's shape, for go-livepeer gateways (-orchPerfStatsUrl) and the explorer.",
    csv: false,
  },
];
