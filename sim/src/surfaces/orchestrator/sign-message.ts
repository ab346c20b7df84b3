import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypedDataDefinition } from 'viem';
import type { SimOrchestrator } from '../../scenario/resolve.js';
import { formValue, parseForm } from './go-form.js';
import { goHttpError, goSniffContentType } from './go-http.js';
import { goQuote } from './glog.js';

/**
 * go-livepeer's `POST /signMessage` (server/handlers.go):
 *   mux.Handle("/signMessage", mustHaveFormParams(signMessageHandler(eth), "message"))
 * - ParseForm error → "parse form error: …" (go-livepeer answers 500; this
 *   simulator answers 400, see sign-message.test.ts);
 * - empty/missing `message` → 400 "missing form param: message";
 * - header `SigFormat: data/typed` signs EIP-712 typed data given as JSON
 *   (bad JSON → 400 "could not unmarshal typed data - err=…"), anything
 *   else signs the message bytes with EIP-191 (`accounts.TextHash`);
 * - 200 with the raw 65-byte signature [R || S || V], V = 27/28, written
 *   without a Content-Type (Go sniffs one).
 */
export async function signMessage(
  o: SimOrchestrator,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const rawQuery = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const form = parseForm({
    method: req.method,
    contentType: req.headers['content-type'],
    rawQuery,
    body: Buffer.isBuffer(req.body) ? req.body : undefined,
  });
  if (form.error !== null) return goHttpError(reply, 400, `parse form error: ${form.error}`);
  const message = formValue(form, 'message');
  if (message.length === 0) return goHttpError(reply, 400, 'missing form param: message');
  const signed = await sign(o, req.headers['sigformat'], message);
  if (!signed.ok) return goHttpError(reply, signed.code, signed.error);
  const bytes = Buffer.from(signed.hex.slice(2), 'hex');
  return reply.code(200).header('content-type', goSniffContentType(bytes)).send(bytes);
}

type SignResult =
  | { readonly ok: true; readonly hex: string }
  | { readonly ok: false; readonly code: number; readonly error: string };

async function sign(
  o: SimOrchestrator,
  sigFormat: string | string[] | undefined,
  message: Buffer,
): Promise<SignResult> {
  if (sigFormat !== 'data/typed') {
    return {
      ok: true,
      hex: await o.account.signMessage({ message: { raw: new Uint8Array(message) } }),
    };
  }
  let typed: TypedDataDefinition;
  try {
    typed = JSON.parse(message.toString('utf8')) as TypedDataDefinition;
  } catch (err) {
    return {
      ok: false,
      code: 400,
      error: `could not unmarshal typed data - err=${goQuote((err as Error).message)}`,
    };
  }
  try {
    return { ok: true, hex: await o.account.signTypedData(typed) };
  } catch (err) {
    return {
      ok: false,
      code: 500,
      error: `could not sign typed data - err=${goQuote((err as Error).message)}`,
    };
  }
}
