import { z } from 'zod';
import {
  acknowledgeAlertBody,
  alertListQuery,
  alertListSchema,
  alertRuleSchema,
  alertSchema,
  commentAlertBody,
  createAlertRuleBody,
  dashboardCsvQuery,
  dashboardQuery,
  dashboardSchema,
  indicatorCatalogueSchema,
  INDICATORS,
  objectiveListQuery,
  objectiveListSchema,
  resolveAlertBody,
  setObjectiveBody,
  updateAlertRuleBody,
} from '../../contract/steering.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { appendTrace } from '../trace/commands.ts';
import { streamOf } from '../trace/rules.ts';
import { dashboard, getAlert, listAlertRules, listAlerts, listObjectives } from './queries.ts';
import { acknowledgeAlert, commentAlert, createAlertRule, resolveAlert, setObjective, sweepAlerts, updateAlertRule } from './commands.ts';
import { dashboardCsv } from './export.ts';
import { catchUpRollups } from './rollups.ts';

const idParams = z.object({ id: z.uuid() });

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
  route({
    method: 'GET',
    url: '/api/objectives',
    summary: 'The objectives of a unit and of the level below it for a month, quarter or year, and whose objectives the viewer may set',
    tag: 'steering',
    auth: 'user',
    query: objectiveListQuery,
    response: objectiveListSchema,
    async handler({ principal, deps, query }) {
      return listObjectives(deps.db, principal, query, deps.config.steeringMinGroup);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/objectives',
    summary: 'Set an objective (won revenue, lead conversion, leads on time) for a unit or person and a period: top-down, never one’s own; traced',
    tag: 'steering',
    auth: 'user',
    body: setObjectiveBody,
    response: objectiveListSchema,
    async handler({ principal, deps, body }) {
      await write(deps, principal, (ctx) => setObjective(ctx, body));
      const type = body.unitType;
      return listObjectives(deps.db, principal, { type, id: type === 'nation' ? undefined : body.unitId!, period: body.period, at: body.at }, deps.config.steeringMinGroup);
    },
  }),
  route({
    method: 'GET',
    url: '/api/alert-rules',
    summary: 'Every alert rule in plain words, with whether the viewer may change it',
    tag: 'steering',
    auth: 'user',
    response: z.object({ items: z.array(alertRuleSchema) }),
    async handler({ principal, deps }) {
      return { items: await listAlertRules(deps.db, principal) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/alert-rules',
    summary: 'Create an alert rule (indicator, unit, applies to the unit or each region / agency / pool / field rep in it, comparison, threshold, period, who is told); evaluated at once',
    tag: 'steering',
    auth: 'user',
    body: createAlertRuleBody,
    response: alertRuleSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      // Evaluated on figures brought up to date first, so a rule never fires on what the sweep has not seen yet.
      await catchUpRollups(deps.db);
      const id = await write(deps, principal, async (ctx) => {
        const created = await createAlertRule(ctx, body);
        await sweepAlerts(ctx.db, new Date(), [created]);
        return created;
      });
      return (await listAlertRules(deps.db, principal)).find((r) => r.id === id)!;
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/alert-rules/:id',
    summary: 'Change an alert rule (with the version read); evaluated at once',
    tag: 'steering',
    auth: 'user',
    params: idParams,
    body: updateAlertRuleBody,
    response: alertRuleSchema,
    async handler({ principal, deps, params, body }) {
      await catchUpRollups(deps.db);
      await write(deps, principal, async (ctx) => {
        await updateAlertRule(ctx, params.id, body);
        await sweepAlerts(ctx.db, new Date(), [params.id]);
      });
      return (await listAlertRules(deps.db, principal)).find((r) => r.id === params.id)!;
    },
  }),
  route({
    method: 'GET',
    url: '/api/alerts',
    summary: 'Alert inbox: the alerts I was told of (scope=mine), or every alert on the units and people I lead (scope=units; admins: all); active (open or acknowledged), open, acknowledged, resolved or all',
    tag: 'steering',
    auth: 'user',
    query: alertListQuery,
    response: alertListSchema,
    async handler({ principal, deps, query }) {
      return { items: await listAlerts(deps.db, principal, query) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/alerts/:id',
    summary: 'One alert with its history (fired, acknowledged, commented, cleared, resolved)',
    tag: 'steering',
    auth: 'user',
    params: idParams,
    response: alertSchema,
    async handler({ principal, deps, params }) {
      return getAlert(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/acknowledge',
    summary: 'Acknowledge an open alert (with the version read), optionally with a comment',
    tag: 'steering',
    auth: 'user',
    params: idParams,
    body: acknowledgeAlertBody,
    response: alertSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => acknowledgeAlert(ctx, params.id, body));
      return getAlert(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/comments',
    summary: 'Comment on an alert',
    tag: 'steering',
    auth: 'user',
    params: idParams,
    body: commentAlertBody,
    response: alertSchema,
    status: 201,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => commentAlert(ctx, params.id, body));
      return getAlert(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/resolve',
    summary: 'Resolve an alert with what was done (with the version read)',
    tag: 'steering',
    auth: 'user',
    params: idParams,
    body: resolveAlertBody,
    response: alertSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => resolveAlert(ctx, params.id, body));
      return getAlert(deps.db, principal, params.id);
    },
  }),
];
