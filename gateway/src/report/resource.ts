import { ATTR } from '@naap/otel';
import { GATEWAY_VERSION, SERVICE_NAME } from '../version.js';

/** Who this test-load gateway is, as its OTLP resource says. */
export interface OtlpIdentity {
  readonly region: string;
  readonly instanceId: string;
  readonly hostName: string;
}

/** The resource attributes of everything the gateway sends (job records and metrics). */
export function gatewayResourceAttributes(identity: OtlpIdentity): Record<string, string> {
  return {
    [ATTR.serviceName]: SERVICE_NAME,
    [ATTR.serviceVersion]: GATEWAY_VERSION,
    [ATTR.serviceInstanceId]: identity.instanceId,
    [ATTR.hostName]: identity.hostName,
    [ATTR.region]: identity.region,
  };
}

/** The instrumentation scope of the gateway's records and instruments. */
export const GATEWAY_SCOPE = { name: SERVICE_NAME, version: GATEWAY_VERSION } as const;
