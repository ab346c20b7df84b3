import { createHash, randomBytes } from 'node:crypto';

/** What a bearer token may do: `agent` ingests for one orchestrator, `gateway` test-load results, `admin` manages tokens. */
export const TOKEN_KINDS = ['agent', 'gateway', 'admin'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export function isTokenKind(value: unknown): value is TokenKind {
  return typeof value === 'string' && (TOKEN_KINDS as readonly string[]).includes(value);
}

/** The only form in which a token is kept: SHA-256, hex. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new secret: 256 random bits, prefixed with its kind so a leaked one is recognisable. */
export function newSecret(kind: TokenKind): string {
  return `naap_${kind}_${randomBytes(32).toString('base64url')}`;
}

/** A public token id (not secret): what lists show and revoke/rotate take. */
export function newTokenId(): string {
  return `tok_${randomBytes(8).toString('hex')}`;
}

export const TOKEN_ID_PATTERN = /^tok_[0-9a-f]{16}$/;

/** Token names: a label such as a host name. */
export const TOKEN_NAME_PATTERN = /^[\w.@:-]{1,64}$/;
