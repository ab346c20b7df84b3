import { pino, type Logger } from 'pino';

/**
 * Where a secret could appear in a log line: bearer tokens in request
 * headers (any nesting a serializer or an error may produce) and the fields
 * that hold a token's secret. They are written as "[redacted]".
 */
export const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'err.config.headers.authorization',
  'cookie',
  'headers.cookie',
  'req.headers.cookie',
  'token',
  'secret',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.headers.authorization',
] as const;

/** pino options of the collector's logger (redaction of secrets included). */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: { service: 'naap-collector' },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  };
}

/** The collector's logger, to stdout or to `destination` (tests). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination === undefined
    ? pino(loggerOptions(level))
    : pino(loggerOptions(level), destination);
}
