import type { PipelineId } from '@naap/otel';
import type { RunnerContainer } from './docker-ps.js';
import type { RunnerHealth, RunnerVersion } from './runner-http.js';

/** What the agent knows of one ai-runner container (plain data, for snapshots and mapping). */
export interface RunnerInfo {
  /** Full container id (64 hex). */
  readonly id: string;
  readonly name: string;
  readonly pipeline: PipelineId | undefined;
  /** The pipeline as the container name writes it (also for unknown pipelines). */
  readonly pipelineText: string;
  /** Exact model id from the runner's /version when it answered, else the name's slug. */
  readonly modelId: string;
  readonly modelIdExact: boolean;
  /** Host port of the runner's HTTP API on 127.0.0.1. */
  readonly port: number | undefined;
  readonly image: string;
  readonly runnerVersion: string | undefined;
  /** Last polled /health; null before the first poll. */
  readonly health: RunnerHealth | null;
  readonly healthError: string | null;
  /** Whether its log is being followed for FPS lines (live runners). */
  readonly followingLog: boolean;
}

/** Mapping data for other samplers: container name → pipeline and model. */
export interface RunnerMapping {
  readonly pipeline: PipelineId | undefined;
  readonly modelId: string;
  readonly id: string;
}

/** go-livepeer's folding of a model id into a container name. */
export const modelSlugOf = (modelId: string): string => modelId.replace(/[/_]/g, '-');

/**
 * The exact model id when the runner's /version agrees with the container's
 * name (same pipeline, same model once folded), else the name's slug.
 */
export function modelIdOf(
  c: RunnerContainer,
  version: RunnerVersion | null,
): { modelId: string; exact: boolean } {
  const v = version?.modelId;
  const samePipeline = version?.pipeline === undefined || version.pipeline === c.pipelineText;
  if (v !== undefined && samePipeline && modelSlugOf(v) === c.modelSlug)
    return { modelId: v, exact: true };
  return { modelId: c.modelSlug, exact: false };
}
