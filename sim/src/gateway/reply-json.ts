import type { FastifyReply } from 'fastify';

/**
 * Writes JSON the way go-livepeer does: `Content-Type: application/json`
 * exactly (no charset), the body from `json.NewEncoder(w).Encode(v)` — which
 * ends with a newline — or, with `newline: false`, from `json.Marshal`
 * (the CLI's respondJson). A string body is sent as already-encoded JSON.
 */
export function sendJson(
  reply: FastifyReply,
  body: unknown,
  status = 200,
  newline = true,
): FastifyReply {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send(Buffer.from(newline ? `${text}\n` : text, 'utf8'));
}
