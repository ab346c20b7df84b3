import { exchange, reason } from './http.js';

/** What the collector answered, or why it could not be asked. */
export type CollectorResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly detail: string };

export interface Challenge {
  readonly message: string;
  readonly expiresAt: string;
}

export interface Enrollment {
  readonly token: string;
  readonly id: string;
  readonly address: string;
}

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 64 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function post(
  collector: string,
  path: string,
  body: object,
): Promise<CollectorResult<Record<string, unknown>>> {
  let parsed: unknown;
  let status: number;
  try {
    const res = await exchange(
      `${collector}${path}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES },
    );
    status = res.status;
    parsed = JSON.parse(Buffer.from(res.body).toString('utf8')) as unknown;
  } catch (err) {
    return { ok: false, code: 'unreachable', detail: `${collector}${path}: ${reason(err)}` };
  }
  if (!isRecord(parsed))
    return { ok: false, code: 'bad-reply', detail: `${path}: HTTP ${status}, not a JSON object` };
  if (status === 201 || status === 200) return { ok: true, value: parsed };
  // RFC 7807 problem: a stable code, and a detail naming the input at fault.
  const code = typeof parsed['code'] === 'string' ? parsed['code'].slice(0, 64) : `http_${status}`;
  const detail =
    typeof parsed['detail'] === 'string' ? parsed['detail'].slice(0, 500) : `HTTP ${status}`;
  return { ok: false, code, detail };
}

/** `POST /api/v1/enroll/challenge {address}`. */
export async function requestChallenge(
  collector: string,
  address: string,
): Promise<CollectorResult<Challenge>> {
  const r = await post(collector, '/api/v1/enroll/challenge', { address });
  if (!r.ok) return r;
  const { message, expiresAt } = r.value;
  if (typeof message !== 'string' || typeof expiresAt !== 'string')
    return {
      ok: false,
      code: 'bad-reply',
      detail: 'the challenge reply lacks message or expiresAt',
    };
  return { ok: true, value: { message, expiresAt } };
}

/** `POST /api/v1/enroll {address, signature, name}`. */
export async function submitEnrollment(
  collector: string,
  body: { address: string; signature: string; name: string },
): Promise<CollectorResult<Enrollment>> {
  const r = await post(collector, '/api/v1/enroll', body);
  if (!r.ok) return r;
  const { token, id, address } = r.value;
  if (
    typeof token !== 'string' ||
    !/^\S{16,512}$/.test(token) ||
    typeof id !== 'string' ||
    typeof address !== 'string'
  )
    return { ok: false, code: 'bad-reply', detail: 'the enrollment reply lacks a usable token' };
  return { ok: true, value: { token, id, address } };
}
