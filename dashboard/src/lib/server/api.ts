import type {
  Datasets,
  DatasetCases,
  DatasetCasesQuery,
  Demand,
  DemandQuery,
  GpuMetrics,
  GpuMetricsQuery,
  JobSeries,
  JobSeriesQuery,
  Leaderboard,
  LeaderboardQuery,
  NetworkSummary,
  NetworkSummaryQuery,
  OrchestratorDetail,
  OrchestratorDetailQuery,
  OrchestratorList,
  OrchestratorListQuery,
  Pipelines,
  PipelinesQuery,
  Problem,
  Regions,
  RegionsQuery,
  SlaCompliance,
  SlaComplianceQuery,
  TestloadJobs,
  TestloadJobsQuery,
  TestloadSummary,
  TestloadSummaryQuery,
} from '@naap/otel/api';
import type { DashboardConfig } from './config.js';

/**
 * The typed client of the collector's public API v1, used by server load
 * functions only (the browser talks to the API through the dashboard's
 * forwarding route, for the live stream and exports). Every resource the
 * dashboard reads is listed here with its query and answer types.
 */
export interface Endpoints {
  '/network/summary': { query: NetworkSummaryQuery; answer: NetworkSummary };
  '/orchestrators': { query: OrchestratorListQuery; answer: OrchestratorList };
  '/gpu/metrics': { query: GpuMetricsQuery; answer: GpuMetrics };
  '/jobs/series': { query: JobSeriesQuery; answer: JobSeries };
  '/sla/compliance': { query: SlaComplianceQuery; answer: SlaCompliance };
  '/leaderboard': { query: LeaderboardQuery; answer: Leaderboard };
  '/network/demand': { query: DemandQuery; answer: Demand };
  '/testloads/jobs': { query: TestloadJobsQuery; answer: TestloadJobs };
  '/testloads/summary': { query: TestloadSummaryQuery; answer: TestloadSummary };
  '/datasets': { query: Record<string, never>; answer: Datasets };
  '/datasets/cases': { query: DatasetCasesQuery; answer: DatasetCases };
  '/regions': { query: RegionsQuery; answer: Regions };
  '/pipelines': { query: PipelinesQuery; answer: Pipelines };
}

export type EndpointPath = keyof Endpoints;

/** An API call that did not give an answer: the API's problem, or why it could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly parameter: string | undefined;
  constructor(status: number, code: string, message: string, parameter?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }
}

type QueryValue = string | number | boolean | undefined | null;

/** `/path?a=1&b=2` with empty values left out and keys sorted (stable cache keys). */
export function apiPath(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { detail?: unknown }).detail === 'string'
  );
}

export interface ApiClient {
  get<P extends EndpointPath>(
    path: P,
    query?: Endpoints[P]['query'],
  ): Promise<Endpoints[P]['answer']>;
  orchestrator(address: string, query?: OrchestratorDetailQuery): Promise<OrchestratorDetail>;
}

export type Fetch = typeof fetch;

/** A client bound to the configured collector; `fetch` is the load function's. */
export function apiClient(config: DashboardConfig, fetchFn: Fetch): ApiClient {
  async function call<T>(pathAndQuery: string): Promise<T> {
    const url = `${config.apiUrl}/api/v1${pathAndQuery}`;
    let response: Response;
    try {
      response = await fetchFn(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(config.apiTimeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw new ApiError(
        timedOut ? 504 : 503,
        timedOut ? 'query_timeout' : 'unavailable',
        timedOut ? 'The API did not answer in time.' : 'The API cannot be reached right now.',
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && body !== undefined) return body as T;
    if (isProblem(body))
      throw new ApiError(response.status, body.code, body.detail, body.parameter);
    throw new ApiError(
      response.ok ? 502 : response.status,
      response.ok ? 'bad_answer' : 'unavailable',
      response.ok
        ? 'The API gave an answer that could not be read.'
        : `The API answered ${response.status}.`,
    );
  }
  return {
    get: (path, query) => call(apiPath(path, query)),
    orchestrator: (address, query) =>
      call(apiPath(`/orchestrators/${encodeURIComponent(address)}`, query)),
  };
}
