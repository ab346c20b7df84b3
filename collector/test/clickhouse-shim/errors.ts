/**
 * ClickHouse-style errors for the shim: the engine's own `Code: N.
 * DB::Exception: ... (NAME)` messages pass through unchanged, and the HTTP
 * status follows the server's `exceptionCodeToHTTPStatus` table, so the real
 * `@clickhouse/client` raises a `ClickHouseError` with the same code, type and
 * message it would get from a server.
 */

/** An error to answer with: code and name as ClickHouse reports them. */
export class ShimError extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    message: string,
    /** Overrides the status the code maps to (e.g. 413 for the body limit). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ShimError';
  }

  /** The body a server sends: `Code: N. DB::Exception: message. (NAME)`. */
  get body(): string {
    if (/^Code: \d+\. /.test(this.message)) return this.message;
    return `Code: ${this.code}. DB::Exception: ${this.message}. (${this.type})`;
  }

  get httpStatus(): number {
    return this.status ?? httpStatusFor(this.type);
  }
}

const ENGINE_MESSAGE = /^Code: (\d+)\. [\s\S]*\(([A-Z0-9_]+)\)\s*(?:\(version [^)]*\)\s*)?$/;

/** Reshapes whatever chDB (or the shim) threw into a {@link ShimError}. */
export function toShimError(err: unknown): ShimError {
  if (err instanceof ShimError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const match = ENGINE_MESSAGE.exec(message.trim());
  if (match)
    return new ShimError(Number(match[1]), match[2] ?? 'UNKNOWN_EXCEPTION', message.trim());
  return new ShimError(1001, 'STD_EXCEPTION', message);
}

/** The text a server writes for an exception, with its version suffix. */
export function errorBody(err: ShimError, version: string): string {
  const body = err.body.trimEnd();
  return /\(version [^)]*\)$/.test(body) ? `${body}\n` : `${body} (version ${version})\n`;
}

const STATUS_BY_TYPE = new Map<string, number>([
  ...named(401, 'REQUIRED_PASSWORD'),
  ...named(403, 'UNKNOWN_USER WRONG_PASSWORD AUTHENTICATION_FAILED SET_NON_GRANTED_ROLE'),
  ...named(
    400,
    'BAD_ARGUMENTS CANNOT_COMPILE_REGEXP CANNOT_PARSE_TEXT CANNOT_PARSE_ESCAPE_SEQUENCE ' +
      'CANNOT_PARSE_QUOTED_STRING CANNOT_PARSE_DATE CANNOT_PARSE_DATETIME CANNOT_PARSE_NUMBER ' +
      'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING CANNOT_PARSE_IPV4 CANNOT_PARSE_IPV6 ' +
      'CANNOT_PARSE_INPUT_ASSERTION_FAILED CANNOT_PARSE_UUID DUPLICATE_COLUMN ILLEGAL_COLUMN ' +
      'UNKNOWN_ELEMENT_IN_AST UNKNOWN_TYPE_OF_AST_NODE THERE_IS_NO_COLUMN TOO_DEEP_AST ' +
      'TOO_BIG_AST UNEXPECTED_AST_STRUCTURE SYNTAX_ERROR INCORRECT_DATA TYPE_MISMATCH ' +
      'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
  ),
  ...named(
    404,
    'UNKNOWN_TABLE UNKNOWN_FUNCTION UNKNOWN_IDENTIFIER UNKNOWN_TYPE UNKNOWN_STORAGE ' +
      'UNKNOWN_DATABASE UNKNOWN_SETTING UNKNOWN_DIRECTION_OF_SORTING UNKNOWN_AGGREGATE_FUNCTION ' +
      'UNKNOWN_FORMAT UNKNOWN_DATABASE_ENGINE UNKNOWN_TYPE_OF_QUERY UNKNOWN_ROLE',
  ),
  ...named(413, 'QUERY_IS_TOO_LARGE'),
  ...named(501, 'NOT_IMPLEMENTED'),
  ...named(503, 'SOCKET_TIMEOUT CANNOT_OPEN_FILE CANNOT_SCHEDULE_TASK'),
  ...named(411, 'HTTP_LENGTH_REQUIRED'),
  ...named(408, 'TIMEOUT_EXCEEDED'),
]);

function named(status: number, types: string): [string, number][] {
  return types.split(' ').map((t) => [t, status]);
}

/** The HTTP status ClickHouse answers an exception of this type with. */
export function httpStatusFor(type: string): number {
  return STATUS_BY_TYPE.get(type) ?? 500;
}
