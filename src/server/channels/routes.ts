import { z } from 'zod';
import { webLeadBody } from '../../contract/leads.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { receiveWebLead } from './commands.ts';

export const channelRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    url: '/api/public/leads',
    summary: 'The public web form: no session, rate-limited; creates a prospect when the company is unknown',
    tag: 'leads',
    auth: 'public',
    rateLimit: 'public',
    body: webLeadBody,
    response: z.object({ received: z.literal(true) }),
    status: 202,
    async handler({ deps, body }) {
      // A filled honeypot is a robot: answer as usual, keep nothing.
      if (!body.website) await deps.db.transaction().execute((trx) => receiveWebLead(trx, body));
      return { received: true as const };
    },
  }),
];
