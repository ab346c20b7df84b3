import type { ApiRoute } from '../context.js';
import { aggregatedStatsRoute } from './aggregated-stats.js';
import { datasetCasesRoute } from './dataset-cases.js';
import { datasetsRoute } from './datasets.js';
import { gpuMetricsRoute } from './gpu-metrics.js';
import { jobSeriesRoute } from './job-series.js';
import { leaderboardRoute } from './leaderboard.js';
import { liveRoute } from './live.js';
import { networkDemandRoute } from './network-demand.js';
import { networkSummaryRoute } from './network-summary.js';
import { openapiRoute } from './openapi.js';
import { orchestratorRoute } from './orchestrator.js';
import { orchestratorsRoute } from './orchestrators.js';
import { pipelinesRoute } from './pipelines.js';
import { regionsRoute } from './regions.js';
import { slaComplianceRoute } from './sla-compliance.js';
import { testloadJobsRoute } from './testload-jobs.js';
import { testloadSummaryRoute } from './testload-summary.js';

/**
 * Every route of `/api/v1`, one file each, registered by name. A new route:
 * add its file here (`routeSchema` documents it in the OpenAPI; errors thrown
 * as ApiError become problems), then `pnpm --filter @naap/collector
 * gen:openapi` and commit `collector/openapi.json`.
 */
export const ROUTES: readonly ApiRoute[] = [
  networkSummaryRoute,
  orchestratorsRoute,
  orchestratorRoute,
  gpuMetricsRoute,
  jobSeriesRoute,
  testloadJobsRoute,
  testloadSummaryRoute,
  slaComplianceRoute,
  leaderboardRoute,
  networkDemandRoute,
  aggregatedStatsRoute,
  datasetsRoute,
  datasetCasesRoute,
  regionsRoute,
  pipelinesRoute,
  liveRoute,
  openapiRoute,
];
