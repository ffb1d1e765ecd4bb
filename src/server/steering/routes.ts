import { z } from 'zod';
import { dashboardCsvQuery, dashboardQuery, dashboardSchema, indicatorCatalogueSchema, INDICATORS } from '../../contract/steering.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { appendTrace } from '../trace/commands.ts';
import { streamOf } from '../trace/rules.ts';
import { dashboard } from './queries.ts';
import { dashboardCsv } from './export.ts';

const csvQuery = z.intersection(dashboardQuery, dashboardCsvQuery.extend({ lang: z.enum(['fr', 'en']).default('fr') }));

export const steeringRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/steering/indicators',
    summary: 'The indicators, each with its plain-language definition in French and English',
    tag: 'steering',
    auth: 'user',
    response: indicatorCatalogueSchema,
    async handler() {
      return [...INDICATORS];
    },
  }),
  route({
    method: 'GET',
    url: '/api/steering/dashboard',
    summary:
      'A unit’s (nation, region, agency, pool) or a person’s indicators for a period, their trend over the 12 periods before, and the next level down (sub-units; people for their line managers only)',
    tag: 'steering',
    auth: 'user',
    query: dashboardQuery,
    response: dashboardSchema,
    async handler({ principal, deps, query }) {
      return dashboard(deps.db, principal, query, deps.config.steeringMinGroup);
    },
  }),
  route({
    method: 'GET',
    url: '/api/steering/dashboard.csv',
    summary: 'A dashboard table as CSV (table=children: one row per sub-unit or person; table=trend: one row per period); the export is traced',
    tag: 'steering',
    auth: 'user',
    query: csvQuery,
    response: z.string(),
    async handler({ principal, deps, query, reply }) {
      const d = await dashboard(deps.db, principal, query, deps.config.steeringMinGroup);
      const text = dashboardCsv(d, query.table, query.lang);
      if (principal.userId) {
        const userId = principal.userId;
        await write(deps, principal, (ctx) =>
          appendTrace(ctx, streamOf('user', userId), 'steering.exported', {
            unit: { type: d.unit.type, id: d.unit.id },
            period: d.period,
            table: query.table,
            rows: query.table === 'children' ? d.children.length + 1 : d.trend.periods.length,
          }),
        );
      }
      const name = `relais-${d.unit.type}-${d.period.label.replace(/[^\w-]+/g, '_')}-${query.table}.csv`;
      void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
      return text;
    },
  }),
];
