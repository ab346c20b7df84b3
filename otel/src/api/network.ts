import { Type, type Static } from 'typebox';
import { KpiSchema, WindowNameSchema, WindowSchema } from './common.js';

/** `GET /network/summary` — live KPIs of the whole network. */
export const NetworkSummaryQuerySchema = Type.Object(
  {
    window: Type.Optional(WindowNameSchema),
  },
  { additionalProperties: false },
);
export type NetworkSummaryQuery = Static<typeof NetworkSummaryQuerySchema>;

export const NetworkKpisSchema = Type.Object({
  /** Orchestrators with telemetry or test-load jobs in the window ({orchestrator}). */
  activeOrchestrators: KpiSchema,
  /** GPUs reporting in the window ({gpu}, agent). */
  activeGpus: KpiSchema,
  /** Jobs per minute over the window ({job}/min). */
  jobsPerMinute: KpiSchema,
  /** success / (success + failure), excused left out (ratio 0–1). */
  successRate: KpiSchema,
  /** p95 job latency, ms. */
  latencyP95Ms: KpiSchema,
  /** Mean output FPS of live streams ({frame}/s). */
  liveFps: KpiSchema,
});
export type NetworkKpis = Static<typeof NetworkKpisSchema>;

export const NetworkSummarySchema = Type.Object({
  generatedAtMs: Type.Integer({ minimum: 0 }),
  window: WindowSchema,
  kpis: NetworkKpisSchema,
});
export type NetworkSummary = Static<typeof NetworkSummarySchema>;
