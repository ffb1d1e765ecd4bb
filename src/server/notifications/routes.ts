import { z } from 'zod';
import { notificationSchema } from '../../contract/leads.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { markRead } from './commands.ts';
import { listNotifications } from './queries.ts';

export const notificationRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/notifications',
    summary: 'My latest notifications and the unread count (live ones arrive on /api/notifications/stream)',
    tag: 'notifications',
    auth: 'user',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) }),
    response: z.object({ items: z.array(notificationSchema), unread: z.number(), nextCursor: z.null() }),
    async handler({ principal, deps, query }) {
      return { ...(await listNotifications(deps.db, principal.userId!, query.limit)), nextCursor: null };
    },
  }),
  route({
    method: 'POST',
    url: '/api/notifications/read',
    summary: 'Mark notifications read (ids, or all when omitted)',
    tag: 'notifications',
    auth: 'user',
    body: z.object({ ids: z.array(z.uuid()).optional() }),
    response: z.object({ marked: z.number() }),
    async handler({ principal, deps, body }) {
      // Reading one's own inbox is not a record change: no trace event, just the flag.
      const marked = await write(deps, principal, (ctx) => markRead(ctx.db, principal.userId!, body.ids ?? 'all'));
      return { marked };
    },
  }),
];
