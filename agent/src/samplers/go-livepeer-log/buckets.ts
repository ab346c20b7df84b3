/**
 * Bucket boundaries of `livepeer.ai.job.duration`: the telemetry contract's,
 * so the agent, the test loads and the simulator's history bucket alike.
 */
export { exponentialBoundaries, JOB_DURATION_BOUNDARIES_S } from '@naap/otel';
