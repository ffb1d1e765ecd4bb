// Factories and helpers for cases: a lead world with a back-office pool of its agency, and the calls
// the case tests make again and again.
import { expect } from 'vitest';
import type { ApiClient, Reply } from './server.ts';
import { testDb } from './db.ts';
import { buildPool, buildUser, type BuiltUser } from './factories.ts';
import { buildLeadWorld, type LeadWorld } from './lead-factories.ts';
import type { Case, OpenCaseBody } from '../../src/contract/cases.ts';
import type { CasePriority, StatusChange } from '../../src/server/cases/rules.ts';

/** A lead world (agency, region, reps, manager, regional inbound advisor, admin) with a back-office pool of the agency. */
export interface CaseWorld extends LeadWorld {
  boPoolId: string;
  agents: BuiltUser[];
  poolManager: BuiltUser;
}

export async function buildCaseWorld(agents = 2): Promise<CaseWorld> {
  const world = await buildLeadWorld({ reps: 1 });
  const bo = await buildPool({ kind: 'back_office', scope: 'agency', unitId: world.agencyId });
  const list: BuiltUser[] = [];
  for (let i = 0; i < agents; i++) list.push(await buildUser({ homeAgencyId: world.agencyId, pools: [bo.id] }));
  const poolManager = await buildUser({ roles: ['manager'], manages: [{ type: 'pool', id: bo.id }] });
  return { ...world, boPoolId: bo.id, agents: list, poolManager };
}

export async function open(client: ApiClient, body: OpenCaseBody): Promise<Case> {
  const reply = await client.post<Case>('/api/cases', body);
  if (reply.status !== 201) throw new Error(`opening a case failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export const complaint = (accountId: string, priority: CasePriority = 'normal'): OpenCaseBody => ({
  accountId,
  type: 'complaint',
  priority,
  subject: 'Facture en double',
  description: 'Le client a été facturé deux fois en octobre.',
  channel: 'phone',
});

export function transition(client: ApiClient, c: Pick<Case, 'id' | 'version'>, t: string, summary?: string): Promise<Reply<Case>> {
  return client.post<Case>(`/api/cases/${c.id}/transition`, { version: c.version, transition: t, ...(summary !== undefined && { summary }) });
}

export async function ok(reply: Promise<Reply<Case>>): Promise<Case> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

export async function history(caseId: string): Promise<StatusChange[]> {
  const db = await testDb();
  const rows = await db.selectFrom('case_status_changes').select(['status', 'at']).where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map((r) => ({ status: r.status, at: new Date(r.at) }));
}

export async function stored(caseId: string) {
  const db = await testDb();
  return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}

export async function caseEvents(accountId: string) {
  const db = await testDb();
  const rows = await db.selectFrom('trace_events').select(['action', 'actor_id', 'payload']).where('stream', '=', `account:${accountId}`).orderBy('seq').execute();
  return rows.filter((e) => e.action.startsWith('case.'));
}

export async function notificationsOf(userId: string) {
  const db = await testDb();
  return db.selectFrom('notifications').select(['kind', 'params']).where('user_id', '=', userId).orderBy('created_at').execute();
}

export const iso = (d: Date | null) => d?.toISOString() ?? null;

export const NO_ABILITIES: Case['abilities'] = {
  transitions: [],
  assign: false,
  take: false,
  transfer: false,
  changePriority: false,
  setResponsibility: false,
  logInteraction: false,
  contestResponsibility: false,
};

