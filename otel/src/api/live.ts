import { Type, type Static } from 'typebox';
import {
  AddressSchema,
  Count,
  FigureSchema,
  Nullable,
  PipelineSchema,
  TimeMs,
  WindowSchema,
} from './common.js';
import { TestloadJobSchema } from './testloads.js';

/**
 * `GET /live` — Server-Sent Events. Every few seconds the server sends the
 * aggregates of the last minute that changed; `heartbeat` events keep the
 * connection alive and tell the client it is live. Each event's `data` is
 * one JSON object of the schema named after the event.
 */
export const LiveQuerySchema = Type.Object(
  {
    /** Only this orchestrator's events (summary events are network-wide regardless). */
    orchestrator: Type.Optional(AddressSchema),
    pipeline: Type.Optional(PipelineSchema),
  },
  { additionalProperties: false },
);
export type LiveQuery = Static<typeof LiveQuerySchema>;

/** Network KPIs over the last minute. */
export const LiveSummaryEventSchema = Type.Object({
  timeMs: TimeMs,
  window: WindowSchema,
  activeOrchestrators: Count,
  activeGpus: Count,
  jobsPerMinute: FigureSchema,
  successRate: FigureSchema,
  latencyP95Ms: FigureSchema,
  liveFps: FigureSchema,
});
export type LiveSummaryEvent = Static<typeof LiveSummaryEventSchema>;

/** Latest figures of one GPU (agent). */
export const LiveGpuSchema = Type.Object({
  id: Type.String(),
  utilization: Nullable(Type.Number()),
  vramUsedBytes: Nullable(Type.Number()),
  temperatureC: Nullable(Type.Number()),
  powerDrawW: Nullable(Type.Number()),
  lastSeenMs: TimeMs,
});
export type LiveGpu = Static<typeof LiveGpuSchema>;

/** One orchestrator's figures over the last minute. */
export const LiveOrchestratorEventSchema = Type.Object({
  timeMs: TimeMs,
  window: WindowSchema,
  address: AddressSchema,
  jobsPerMinute: FigureSchema,
  successRate: FigureSchema,
  latencyP95Ms: FigureSchema,
  fps: FigureSchema,
  gpus: Type.Array(LiveGpuSchema),
});
export type LiveOrchestratorEvent = Static<typeof LiveOrchestratorEventSchema>;

export const LiveHeartbeatEventSchema = Type.Object({ timeMs: TimeMs });
export type LiveHeartbeatEvent = Static<typeof LiveHeartbeatEventSchema>;

/** SSE event name → payload schema. `testload`: a new test-load job. */
export const LIVE_EVENTS = {
  summary: LiveSummaryEventSchema,
  orchestrator: LiveOrchestratorEventSchema,
  testload: TestloadJobSchema,
  heartbeat: LiveHeartbeatEventSchema,
} as const;
export type LiveEventName = keyof typeof LIVE_EVENTS;
export type LiveEvent =
  | { event: 'summary'; data: LiveSummaryEvent }
  | { event: 'orchestrator'; data: LiveOrchestratorEvent }
  | { event: 'testload'; data: Static<typeof TestloadJobSchema> }
  | { event: 'heartbeat'; data: LiveHeartbeatEvent };
