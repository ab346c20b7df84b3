/**
 * The ground-truth scenario (simulator format, `sim/README.md`): a healthy,
 * a flaky (a quarter of its jobs fail), a slow (latency ×3, lower and
 * unsteadier FPS) and an outage orchestrator, plus six healthy ones that
 * give the cohorts the 48 hourly rows a latency or FPS subscore needs
 * (metrics.md §4) by the last hour of the window. Each has a batch GPU and a
 * live GPU; every workload runs on one GPU, so the truth of an (hour, O,
 * pipeline, model) is one row.
 */

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export const BATCH = { pipeline: 'text-to-image', model: 'stabilityai/sdxl-turbo' } as const;
export const LIVE = { pipeline: 'live-video-to-video', model: 'streamdiffusion-sdxl' } as const;

export const NAMED = ['orch-healthy', 'orch-flaky', 'orch-slow', 'orch-outage'] as const;
export type NamedId = (typeof NAMED)[number];
const FILLERS = [
  'orch-fill-1',
  'orch-fill-2',
  'orch-fill-3',
  'orch-fill-4',
  'orch-fill-5',
  'orch-fill-6',
];
const FILLER_REGIONS = ['MDW', 'PRG', 'SAO', 'SEA', 'ATL', 'TOR'];

interface Tweaks {
  readonly failureRate: number;
  readonly errors?: Readonly<Record<string, number>>;
  readonly latency?: { readonly p50Ms: number; readonly p95Ms: number };
  readonly fps?: { readonly mean: number; readonly sigma: number };
}

function gpus(t: Tweaks, model = 'rtx-4090'): unknown[] {
  const common = { failureRate: t.failureRate, ...(t.errors ? { errors: t.errors } : {}) };
  return [
    {
      model,
      workloads: [
        {
          pipeline: BATCH.pipeline,
          model: BATCH.model,
          demandPerHour: 1000,
          ...common,
          ...(t.latency ? { latency: t.latency } : {}),
        },
      ],
    },
    {
      model,
      workloads: [
        {
          pipeline: LIVE.pipeline,
          model: LIVE.model,
          demandPerHour: 30,
          ...common,
          ...(t.fps ? { fps: t.fps } : {}),
        },
      ],
    },
  ];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The outage orchestrator is down 30 minutes inside the window's second hour
 * and 30 minutes across the boundary of its fourth and fifth.
 */
export function outagesOf(fromMs: number): { from: string; to: string }[] {
  return [
    { from: iso(fromMs + HOUR_MS + 20 * MINUTE_MS), to: iso(fromMs + HOUR_MS + 50 * MINUTE_MS) },
    {
      from: iso(fromMs + 3 * HOUR_MS + 45 * MINUTE_MS),
      to: iso(fromMs + 4 * HOUR_MS + 15 * MINUTE_MS),
    },
  ];
}

/** The scenario, its outages placed relative to the window start `fromMs`. */
export function groundTruthScenario(fromMs: number): Record<string, unknown> {
  return {
    version: 1,
    name: 'collector-ground-truth',
    seed: 20_261_127,
    orchestrators: [
      {
        id: 'orch-healthy',
        region: 'FRA',
        behaviour: 'healthy',
        gpus: gpus({ failureRate: 0.005 }),
      },
      {
        id: 'orch-flaky',
        region: 'NYC',
        behaviour: 'flaky',
        // As many long failures (timeouts) as short ones, so the failures leave
        // the median of all jobs where the median of served jobs is.
        gpus: gpus({
          failureRate: 0.25,
          errors: { timeout: 3, runner_error: 2, client_disconnect: 1 },
        }),
      },
      {
        id: 'orch-slow',
        region: 'LON',
        behaviour: 'slow',
        gpus: gpus({
          failureRate: 0.005,
          latency: { p50Ms: 2700, p95Ms: 5400 },
          fps: { mean: 14, sigma: 4 },
        }),
      },
      {
        id: 'orch-outage',
        region: 'SIN',
        behaviour: 'outage',
        outages: outagesOf(fromMs),
        gpus: gpus({ failureRate: 0.005 }),
      },
      ...FILLERS.map((id, i) => ({
        id,
        region: FILLER_REGIONS[i],
        gpus: gpus({ failureRate: 0.005 }, 'l40s'),
      })),
    ],
  };
}
