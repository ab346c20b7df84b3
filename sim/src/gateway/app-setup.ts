import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { errorBody, sendPlainError } from './http-errors.js';
import { sendJson } from './reply-json.js';

/** What net/http's MaxBytesReader reports when a body is over the limit. */
export const BODY_TOO_LARGE = 'http: request body too large';

/**
 * A Fastify instance that behaves like a Go net/http server where it
 * matters to clients: bodies of any Content-Type are buffered raw (each
 * route decodes them as go-livepeer does, e.g. JSON whatever the type),
 * unknown paths answer `404 page not found`, and framework errors (body too
 * large, malformed request) become go-livepeer's JSON error bodies instead of
 * crashing anything.
 */
export function createGoLikeApp(bodyLimit: number): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit, forceCloseConnections: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
  app.setNotFoundHandler((_request, reply) => sendPlainError(reply, 404, '404 page not found'));
  app.setErrorHandler((err: FastifyError, _request, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413) return sendJson(reply, errorBody(BODY_TOO_LARGE), 413);
    const code = status >= 400 && status < 600 ? status : 500;
    return sendJson(reply, errorBody(err.message), code);
  });
  return app;
}
