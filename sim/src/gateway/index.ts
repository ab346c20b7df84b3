// The simulated go-livepeer gateway: AI HTTP API + CLI API over a simulation.

export { buildGatewayApp, startGateway, type GatewayApps, type RunningGateway } from './server.js';
export {
  resolveGatewayOptions,
  type GatewayOptions,
  type ResolvedGatewayOptions,
} from './options.js';
export { GatewayRuntime } from './runtime.js';
export {
  SIM_ORCHESTRATOR_HEADER,
  errorBody,
  NO_ORCHESTRATORS,
  type ErrorBody,
} from './http-errors.js';
export { encodePng, MAX_IMAGE_SIDE } from './media/png.js';
export { imageSize, type ImageSize } from './media/image-size.js';
export { encodeMp4, mp4Boxes } from './media/mp4.js';
export { encodeWav, wavDurationSeconds } from './media/wav.js';
export { parseWebhookBody, WebhookDiscovery } from './webhook.js';
