/** Name and version this binary reports (OTLP resource, `--version`). */
export const SERVICE_NAME = 'naap-gateway';
export const GATEWAY_VERSION = '0.1.0';
