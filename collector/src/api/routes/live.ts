import { LiveQuerySchema } from '@naap/otel/api';
import { Type } from 'typebox';
import type { ApiRoute } from '../context.js';
import { ApiError } from '../problem.js';
import { routeSchema } from './schema.js';

const EVENTS_DOC =
  'Server-Sent Events. `summary` (LiveSummaryEvent: network KPIs over the last minute), `orchestrator` (LiveOrchestratorEvent: one orchestrator’s figures and GPUs, sent when they change), `testload` (TestloadJob: a new test-load job), `heartbeat` ({timeMs}, every 15 s). Each `data` line is one JSON object; schemas in @naap/otel/api (LIVE_EVENTS).';

export const HEARTBEAT_MS = 15_000;

export const liveRoute: ApiRoute = {
  name: 'live',
  register(app, ctx) {
    app.get(
      '/live',
      {
        // A stream has no HEAD form.
        exposeHeadRoute: false,
        schema: routeSchema({
          summary: 'Live aggregates as Server-Sent Events',
          description: `New aggregates every few seconds, filterable by orchestrator and pipeline. ${EVENTS_DOC}`,
          tags: ['live'],
          operationId: 'streamLive',
          querystring: LiveQuerySchema,
          response: Type.String({ description: EVENTS_DOC }),
          mediaType: 'text/event-stream',
        }),
      },
      (request, reply) => {
        const refused = ctx.live.refusal(request.ip);
        if (refused === 'ip')
          throw new ApiError(
            'rate_limited',
            'too many live streams from this address',
            undefined,
            30,
          );
        if (refused !== null)
          throw new ApiError(
            'unavailable',
            'no more live streams can be opened now',
            undefined,
            30,
          );
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          ...(reply.getHeaders() as Record<string, string>),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(`retry: 3000\n\n`);
        let open = true;
        const sub = ctx.live.subscribe({
          ip: request.ip,
          filter: { orchestrator: request.query.orchestrator, pipeline: request.query.pipeline },
          send(event, data) {
            if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
          },
          end() {
            if (!open) return;
            open = false;
            res.end();
          },
        });
        const close = (): void => {
          open = false;
          if (sub.ok) sub.unsubscribe();
        };
        request.raw.on('close', close);
        res.on('error', close);
        if (!sub.ok) {
          open = false;
          res.end();
        }
      },
    );
  },
};
