import { ERROR_CLASS_NAMES } from '../enums/errors.js';
import { OUTCOMES } from '../enums/outcomes.js';
import { PIPELINE_IDS } from '../enums/pipelines.js';
import { REGION_CODES } from '../enums/regions.js';
import { THROTTLE_REASON_NAMES } from '../enums/throttle.js';
import { SOURCE_NAMES } from './sources.js';

/**
 * Every attribute name of the product. Other packages use these constants,
 * never string literals. OpenTelemetry semantic-convention names where one
 * exists (`hw.*`, `service.*`, `host.*`, `process.*`, `network.*`,
 * `http.*`), otherwise the `livepeer.*` / `naap.*` namespaces.
 */
export const ATTR = {
  // Resource: who is reporting.
  orchestratorAddress: 'livepeer.orchestrator.address',
  orchestratorUri: 'livepeer.orchestrator.uri',
  region: 'livepeer.region',
  serviceName: 'service.name',
  serviceVersion: 'service.version',
  serviceInstanceId: 'service.instance.id',
  hostName: 'host.name',
  // GPU identity.
  hwId: 'hw.id',
  hwModel: 'hw.model',
  hwVendor: 'hw.vendor',
  hwParent: 'hw.parent',
  // Workload.
  pipeline: 'livepeer.pipeline',
  modelId: 'livepeer.model_id',
  streamId: 'livepeer.stream.id',
  // Job results.
  outcome: 'naap.outcome',
  errorClass: 'naap.error.class',
  errorMessage: 'naap.error.message',
  httpStatus: 'http.response.status_code',
  jobId: 'naap.job.id',
  warm: 'naap.job.warm',
  swapped: 'naap.job.swapped',
  servedBy: 'naap.job.served_by',
  expectedRejection: 'naap.job.expected_rejection',
  latencyMs: 'naap.job.latency_ms',
  ttfbMs: 'naap.job.ttfb_ms',
  ptffMs: 'naap.live.ptff_ms',
  fpsCount: 'naap.live.fps.count',
  fpsMean: 'naap.live.fps.mean',
  fpsStddev: 'naap.live.fps.stddev',
  fpsMin: 'naap.live.fps.min',
  jitter: 'naap.live.jitter',
  tokensPerSecond: 'naap.llm.tokens_per_second',
  // Test loads.
  synthetic: 'naap.synthetic',
  datasetVersion: 'naap.dataset.version',
  caseId: 'naap.dataset.case_id',
  caseKind: 'naap.dataset.case_kind',
  // Provenance.
  source: 'naap.source',
  cueSource: 'naap.cue.source',
  // GPU details.
  throttleReason: 'naap.gpu.throttle.reason',
  processPid: 'process.pid',
  processName: 'process.executable.name',
  runnerContainer: 'naap.runner.container',
  // Host.
  networkDirection: 'network.io.direction',
  networkInterface: 'network.interface.name',
  // Agent self-observation.
  sampler: 'naap.agent.sampler',
} as const;

export type AttributeKey = keyof typeof ATTR;
export type AttributeName = (typeof ATTR)[AttributeKey];

export type AttributeType = 'string' | 'int' | 'double' | 'boolean';
export type AttributeScope = 'resource' | 'point' | 'log';

export interface AttributeDef {
  readonly name: AttributeName;
  readonly type: AttributeType;
  readonly scope: readonly AttributeScope[];
  readonly description: string;
  /** Closed set of allowed values, where there is one. */
  readonly values?: readonly string[];
  /** Longest allowed string value. */
  readonly maxLength?: number;
  readonly example: string;
}

const a = (
  name: AttributeName,
  type: AttributeType,
  scope: readonly AttributeScope[],
  description: string,
  example: string,
  extra: Pick<AttributeDef, 'values' | 'maxLength'> = {},
): AttributeDef => ({ name, type, scope, description, example, ...extra });

const R: readonly AttributeScope[] = ['resource'];
const P: readonly AttributeScope[] = ['point'];
const L: readonly AttributeScope[] = ['log'];
const PL: readonly AttributeScope[] = ['point', 'log'];

export const ATTRIBUTES: readonly AttributeDef[] = [
  a(
    ATTR.orchestratorAddress,
    'string',
    ['resource', 'log'],
    'on-chain orchestrator ETH address, lower-case 0x + 40 hex (identity of an O)',
    '0x3b28a7d785356dc67c7970666747e042305bfb79',
    { maxLength: 42 },
  ),
  a(
    ATTR.orchestratorUri,
    'string',
    ['resource', 'log'],
    'orchestrator service URI',
    'https://orch.example.com:8935',
    { maxLength: 256 },
  ),
  a(
    ATTR.region,
    'string',
    ['resource', 'log'],
    'region code: self-reported by the agent, configured on a test-load gateway',
    'FRA',
    { values: REGION_CODES },
  ),
  a(ATTR.serviceName, 'string', R, 'producing binary', 'naap-agent', {
    values: ['naap-agent', 'naap-gateway', 'naap-collector', 'naap-sim'],
  }),
  a(ATTR.serviceVersion, 'string', R, 'version of the producing binary', '0.1.0', {
    maxLength: 64,
  }),
  a(
    ATTR.serviceInstanceId,
    'string',
    R,
    'unique id of one running producer (e.g. one test-load gateway)',
    'gw-fra-1',
    { maxLength: 128 },
  ),
  a(ATTR.hostName, 'string', R, 'host name of the producer', 'gpu-host-01', { maxLength: 255 }),
  a(
    ATTR.hwId,
    'string',
    P,
    'GPU UUID as nvidia-smi prints it (GPU-… or MIG-…); the join key for GPUs, never the index',
    'GPU-b1028956-cfa2-0990-bf4a-5da9abb51763',
    { maxLength: 96 },
  ),
  a(ATTR.hwModel, 'string', P, 'GPU product name', 'NVIDIA GeForce RTX 4090', { maxLength: 128 }),
  a(ATTR.hwVendor, 'string', P, 'GPU vendor', 'nvidia', { values: ['nvidia'] }),
  a(
    ATTR.hwParent,
    'string',
    P,
    'for a MIG instance, the UUID of the physical GPU it belongs to',
    'GPU-b1028956-cfa2-0990-bf4a-5da9abb51763',
    { maxLength: 96 },
  ),
  a(ATTR.pipeline, 'string', PL, 'AI pipeline', 'text-to-image', { values: PIPELINE_IDS }),
  a(ATTR.modelId, 'string', PL, 'model id as go-livepeer names it', 'stabilityai/sdxl-turbo', {
    maxLength: 256,
  }),
  a(ATTR.streamId, 'string', PL, 'live stream id (live pipelines only)', 'stream-5f2a', {
    maxLength: 128,
  }),
  a(ATTR.outcome, 'string', PL, 'job outcome class', 'success', { values: OUTCOMES }),
  a(
    ATTR.errorClass,
    'string',
    PL,
    'normalised error class of a failed job (never a raw error string)',
    'timeout',
    { values: ERROR_CLASS_NAMES },
  ),
  a(
    ATTR.errorMessage,
    'string',
    L,
    'sanitised error message of a test-load job, for people',
    'insufficient capacity',
    { maxLength: 512 },
  ),
  a(ATTR.httpStatus, 'int', L, 'HTTP status code the client received', '503'),
  a(ATTR.jobId, 'string', L, 'unique id of one test-load job', '01J9Z3V7K8', { maxLength: 128 }),
  a(
    ATTR.warm,
    'boolean',
    PL,
    'whether the model was warm (false: a cold start, counted as a startup attempt)',
    'true',
  ),
  a(
    ATTR.swapped,
    'boolean',
    PL,
    'whether another orchestrator than the pinned one served the job',
    'false',
  ),
  a(
    ATTR.servedBy,
    'string',
    L,
    'address of the orchestrator that actually served the job',
    '0x3b28a7d785356dc67c7970666747e042305bfb79',
    { maxLength: 42 },
  ),
  a(
    ATTR.expectedRejection,
    'boolean',
    L,
    "a dataset 'bad' case: a 4xx rejection is the correct behaviour",
    'false',
  ),
  a(ATTR.latencyMs, 'double', L, 'client-side end-to-end latency of a test-load job, ms', '1834.2'),
  a(ATTR.ttfbMs, 'double', L, 'time to first byte (LLM: first token), ms', '412.9'),
  a(ATTR.ptffMs, 'double', L, 'prompt-to-first-frame of a live stream, ms', '2210'),
  a(ATTR.fpsCount, 'int', L, 'number of FPS samples of a live stream', '30'),
  a(ATTR.fpsMean, 'double', L, 'mean output FPS of a live stream', '23.8'),
  a(ATTR.fpsStddev, 'double', L, 'population standard deviation of the FPS samples', '1.2'),
  a(ATTR.fpsMin, 'double', L, 'lowest FPS sample', '19.5'),
  a(ATTR.jitter, 'double', L, 'jitter coefficient σ/μ of the FPS samples', '0.05'),
  a(ATTR.tokensPerSecond, 'double', L, 'LLM generation speed after the first token', '58.1'),
  a(ATTR.synthetic, 'boolean', PL, 'true on everything produced by test loads', 'true'),
  a(
    ATTR.datasetVersion,
    'string',
    PL,
    'version of the public dataset a test job used',
    '2026.11.1',
    { maxLength: 64 },
  ),
  a(ATTR.caseId, 'string', L, 'id of the dataset case a test job used', 't2i-good-001', {
    maxLength: 128,
  }),
  a(ATTR.caseKind, 'string', L, 'kind of dataset case', 'good', {
    values: ['good', 'random', 'bad'],
  }),
  a(
    ATTR.source,
    'string',
    ['point', 'log'],
    'where a figure comes from (stamped by the collector from the token kind)',
    'agent',
    { values: SOURCE_NAMES },
  ),
  a(
    ATTR.cueSource,
    'string',
    P,
    'how CUE was obtained: measured with DCGM profiling, or the nvidia-smi proxy',
    'proxy',
    { values: ['dcgm', 'proxy'] },
  ),
  a(
    ATTR.throttleReason,
    'string',
    P,
    'one decoded clocks-event (throttle) reason',
    'sw_power_cap',
    { values: THROTTLE_REASON_NAMES },
  ),
  a(ATTR.processPid, 'int', P, 'process id of a GPU compute process', '4242'),
  a(ATTR.processName, 'string', P, 'executable name of a GPU compute process', 'python', {
    maxLength: 256,
  }),
  a(
    ATTR.runnerContainer,
    'string',
    P,
    'ai-runner container name a GPU process belongs to',
    'text-to-image_stabilityai-sdxl-turbo_8000',
    { maxLength: 256 },
  ),
  a(ATTR.networkDirection, 'string', P, 'direction of network traffic', 'receive', {
    values: ['transmit', 'receive'],
  }),
  a(ATTR.networkInterface, 'string', P, 'network interface name', 'eth0', { maxLength: 64 }),
  a(ATTR.sampler, 'string', P, 'agent sampler name', 'nvidia-smi', { maxLength: 64 }),
];

/** Attributes every agent and gateway puts on its OTLP resource. */
export const RESOURCE_ATTRIBUTES = ATTRIBUTES.filter((x) => x.scope.includes('resource')).map(
  (x) => x.name,
);

/** Attributes every GPU series carries. */
export const GPU_ATTRIBUTES = [ATTR.hwId, ATTR.hwModel, ATTR.hwVendor] as const;

const byName = new Map<string, AttributeDef>(ATTRIBUTES.map((x) => [x.name, x]));

export function attributeDef(name: string): AttributeDef | undefined {
  return byName.get(name);
}

/** Lower-case 0x-prefixed 40-hex ETH address. */
export const ETH_ADDRESS_PATTERN = /^0x[0-9a-f]{40}$/;

/** Normalises an ETH address to lower case; null when it is not one. */
export function normalizeAddress(value: string): string | null {
  const lower = value.trim().toLowerCase();
  return ETH_ADDRESS_PATTERN.test(lower) ? lower : null;
}
