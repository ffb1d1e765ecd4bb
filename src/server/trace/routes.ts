import { z } from 'zod';
import { streamTraceSchema, traceReportSchema } from '../../contract/trace.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { can } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { streamTrace } from './queries.ts';
import { verifyTrace } from './verify.ts';

/** A record's stream is readable by whoever reads the record; other streams by trace explorers. */
async function mayReadStream(db: Db, p: Principal, stream: string): Promise<boolean> {
  const [kind, id] = stream.split(':');
  if (kind === 'account' && id && z.uuid().safeParse(id).success) {
    const scope = await accountScope(db, id);
    return scope !== null && can(p, 'trace.read', scope);
  }
  if (kind === 'user' && id === p.userId) return true;
  return can(p, 'trace.explore');
}

export const traceRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/trace/streams/:stream',
    summary: "A stream's events (e.g. account:<id>), each with whether its chain verifies",
    tag: 'trace',
    auth: 'user',
    params: z.object({ stream: z.string().regex(/^[a-z_]+:[0-9a-zA-Z-]+$/, { message: 'A stream is kind:id' }) }),
    response: streamTraceSchema,
    async handler({ principal, deps, params }) {
      if (!(await mayReadStream(deps.db, principal, params.stream))) throw notFound('stream', params.stream);
      return streamTrace(deps.db, params.stream);
    },
  }),
  route({
    method: 'GET',
    url: '/api/trace/verify',
    summary: 'Recompute every chain and checkpoint (admin, director)',
    tag: 'trace',
    auth: 'user',
    response: traceReportSchema,
    async handler({ principal, deps }) {
      if (!can(principal, 'trace.explore')) throw forbidden('verify the whole trace');
      return verifyTrace(deps.db);
    },
  }),
];
