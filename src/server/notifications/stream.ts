// GET /api/notifications/stream: server-sent events, one per notification for the signed-in user.
import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth/session.ts';
import type { AppDeps } from '../http/route.ts';
import type { Hub } from '../realtime/hub.ts';

const HEARTBEAT_MS = 25_000;

export function registerNotificationStream(app: FastifyInstance, deps: AppDeps, hub: Hub): void {
  app.get('/api/notifications/stream', async (request, reply) => {
    const principal = (await authenticate(deps, request, true))!;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n\n`);
    const unsubscribe = hub.subscribe(principal.userId!, (message) => {
      res.write(`event: notification\ndata: ${JSON.stringify(message.notification)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
