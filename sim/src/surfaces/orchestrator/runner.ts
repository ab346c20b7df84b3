import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { SimNetwork, SimOrchestrator } from '../../scenario/resolve.js';
import type { Container, WorkloadActivity } from './activity.js';
import { hardwareInfo, hardwareStats } from './hardware.js';

/** ai-runner's HealthCheck status values. */
export type RunnerHealth = 'OK' | 'IDLE' | 'LOADING' | 'ERROR';

/** The ai-runner image version the simulated runners report on `/version`. */
export const RUNNER_VERSION = '0.14.1';

export interface RunnerAppOptions {
  readonly network: SimNetwork;
  readonly orchestrator: SimOrchestrator;
  readonly container: Container;
  readonly activity: WorkloadActivity;
  /** Simulated time now. */
  readonly now: () => number;
}

/**
 * The health a runner reports. ai-runner's batch pipelines return OK
 * (pipelines/base.py); the live pipeline maps its infer process state
 * (pipelines/live_video_to_video.py get_health): LOADING while loading,
 * IDLE when no stream runs (state OFFLINE), ERROR, else OK. Here a cold
 * model's load (its first job's cold start) reports LOADING for batch
 * runners too — a real batch runner does not answer until loaded.
 */
export function runnerHealth(o: RunnerAppOptions, atMs: number): RunnerHealth {
  const { activity, container } = o;
  if (activity.loading(container, atMs)) return 'LOADING';
  if (container.workload.kind === 'batch') return 'OK';
  return activity.inFlight(container, atMs).length > 0 ? 'OK' : 'IDLE';
}

const ROUTES = ['/health', '/health/', '/hardware/info', '/hardware/stats', '/version'];

/** FastAPI's answers for unknown paths and methods. */
function notFound(reply: FastifyReply, path: string): FastifyReply {
  return ROUTES.includes(path)
    ? reply.code(405).header('allow', 'GET').send({ detail: 'Method Not Allowed' })
    : reply.code(404).send({ detail: 'Not Found' });
}

/**
 * One ai-runner container's HTTP API (FastAPI in the real image):
 * `GET /health`, `GET /hardware/info`, `GET /hardware/stats`, `GET /version`.
 */
export function buildRunnerApp(o: RunnerAppOptions): FastifyInstance {
  const app = Fastify({ logger: false, exposeHeadRoutes: false });
  const { network, orchestrator, container, now } = o;
  const health = (_req: FastifyRequest, reply: FastifyReply) =>
    reply.send({ status: runnerHealth(o, now()) });
  app.get('/health', health);
  app.get('/health/', health);
  app.get('/hardware/info', (_req, reply) =>
    reply.send(hardwareInfo(network, orchestrator, container, now())),
  );
  app.get('/hardware/stats', (_req, reply) =>
    reply.send(hardwareStats(network, orchestrator, container, now())),
  );
  app.get('/version', (_req, reply) =>
    reply.send({
      pipeline: container.workload.pipeline,
      model_id: container.workload.modelId,
      version: RUNNER_VERSION,
    }),
  );
  app.setNotFoundHandler((req, reply) => notFound(reply, req.url.split('?')[0] ?? ''));
  return app;
}
