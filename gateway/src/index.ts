// naap-gateway as a library: the test-load runner and its parts.

export { acceleratedClock, wallClock, type Clock } from './clock.js';
export { casesFor, type CaseKind, type TestCase, type TestDataset } from './cases.js';
export { ENV_PREFIX, OPTIONS } from './config/options.js';
export { loadGatewayConfig } from './config/resolve.js';
export type { GatewayConfig, PinningMode } from './config/types.js';
export { main, type MainDeps, type MainIo } from './main.js';
export {
  buildWebhookApp,
  PinWebhookState,
  startPinWebhook,
  type PinWebhook,
} from './pinning/webhook.js';
export { JsonlSink } from './report/jsonl.js';
export { OutboxSink, type OutboxSinkOptions } from './outbox/sink.js';
export { OtlpMetricsSink } from './report/otlp.js';
export { FanOutSink, MemorySink, type JobDetail, type ResultSink } from './report/sink.js';
export { resultsTable } from './report/table.js';
export { judge, type PinState, type Verdict } from './report/verdict.js';
export type { ResponseObserver } from './run/env.js';
export type { JobDone } from './run/execute.js';
export { Runner, type OnceReport, type RunnerDeps } from './runner.js';
export type { Capability, Discovery, Target } from './targets/types.js';
export { GATEWAY_VERSION, SERVICE_NAME } from './version.js';
