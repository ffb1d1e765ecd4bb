// Writes to the shared record: accounts and their contacts. One transaction each, traced on the account's stream.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { createAccountBody, createContactBody, updateAccountBody, updateContactBody } from '../../contract/accounts.ts';
import { phoneSearchDigits } from '../../contract/values.ts';
import type { FieldProvenance } from '../db/schema.ts';
import { can, type AccountScope } from '../auth/policy.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../errors.ts';
import { appendTrace, eraseTracePayloads } from '../trace/commands.ts';
import { streamOf } from '../trace/rules.ts';
import { accountScope, completenessOf, contactStats, findDuplicates } from './queries.ts';

type CreateAccount = z.output<typeof createAccountBody>;
type UpdateAccount = z.output<typeof updateAccountBody>;
type CreateContact = z.output<typeof createContactBody>;
type UpdateContact = z.output<typeof updateContactBody>;

export const accountStream = (accountId: string) => streamOf('account', accountId);

/** Maps API field names to columns: the provenance and the trace speak the API's names. */
const ACCOUNT_COLUMNS = {
  name: 'name',
  siren: 'siren',
  siret: 'siret',
  segment: 'segment',
  sector: 'sector',
  sizeBand: 'size_band',
  revenueCents: 'revenue_cents',
  addressLine: 'address_line',
  postalCode: 'postal_code',
  city: 'city',
  phones: 'phones',
  emails: 'emails',
  ownerId: 'owner_id',
  agencyId: 'agency_id',
  parentId: 'parent_id',
  status: 'status',
} as const;
type AccountField = keyof typeof ACCOUNT_COLUMNS;

const phoneSearch = (phones: string[]) => phones.map(phoneSearchDigits).join(' ');

function provenance(ctx: Ctx, at: Date): FieldProvenance {
  return { by: ctx.actor.userId, byName: ctx.actor.name, channel: ctx.channel, at: at.toISOString() };
}

async function regionOfAgency(ctx: Ctx, agencyId: string): Promise<string> {
  const agency = await ctx.db.selectFrom('agencies').select('region_id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw new DomainError('unprocessable', 'agency.unknown', `No agency ${agencyId}`, 'agencyId');
  return agency.region_id;
}

async function assertOwnerExists(ctx: Ctx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const owner = await ctx.db.selectFrom('users').select('active').where('id', '=', ownerId).executeTakeFirst();
  if (!owner) throw new DomainError('unprocessable', 'user.unknown', `No user ${ownerId}`, 'ownerId');
  if (!owner.active) throw new DomainError('unprocessable', 'account.owner_inactive', 'The chosen owner no longer works here', 'ownerId');
}

async function assertParentValid(ctx: Ctx, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId) throw new DomainError('invalid', 'account.parent_is_self', 'An account cannot be its own parent', 'parentId');
  // A parent out of the writer's reach reads as unknown, like everywhere else (linking to it would reveal its name).
  const parent = await accountScope(ctx.db, parentId);
  if (!parent || !can(ctx.actor, 'account.read', parent)) {
    throw new DomainError('unprocessable', 'account.unknown_parent', `No account ${parentId}`, 'parentId');
  }
  // Walk up from the proposed parent: meeting ourselves would make a cycle.
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 50; depth++) {
    const row: { parent_id: string | null } | undefined = await ctx.db
      .selectFrom('accounts')
      .select('parent_id')
      .where('id', '=', cursor)
      .executeTakeFirst();
    if (!row) throw new DomainError('unprocessable', 'account.unknown_parent', `No account ${parentId}`, 'parentId');
    if (selfId && row.parent_id === selfId) {
      throw new DomainError('invalid', 'account.parent_cycle', 'This parent is already below this account', 'parentId');
    }
    cursor = row.parent_id;
  }
}

export async function createAccount(ctx: Ctx, input: CreateAccount): Promise<string> {
  const regionId = await regionOfAgency(ctx, input.agencyId);
  const scope: AccountScope = { ownerId: input.ownerId ?? null, agencyId: input.agencyId, regionId };
  if (!can(ctx.actor, 'account.create', scope)) throw forbidden('create an account in this agency');
  if (input.ownerId && input.ownerId !== ctx.actor.userId && !can(ctx.actor, 'account.reassign', scope)) {
    throw new DomainError('forbidden', 'account.owner_not_allowed', 'Only a manager may give an account to someone else', 'ownerId');
  }
  await assertOwnerExists(ctx, input.ownerId);
  await assertParentValid(ctx, input.parentId);
  if (!input.acknowledgeDuplicates) {
    const duplicates = await findDuplicates(ctx.db, ctx.actor, {
      name: input.name,
      siren: input.siren ?? null,
      siret: input.siret ?? null,
      city: input.city ?? null,
      phones: input.phones,
      emails: input.emails,
    });
    if (duplicates.length) {
      throw new DomainError('conflict', 'account.possible_duplicate', 'This customer may already be in Relais', undefined, { duplicates });
    }
  }

  const id = uuidv7();
  const { acknowledgeDuplicates, ...fields } = input;
  const appended = await appendTrace(ctx, accountStream(id), 'account.created', { ...fields, acknowledgedDuplicates: acknowledgeDuplicates });
  const stamp = provenance(ctx, appended.recordedAt);
  const provenanceByField = Object.fromEntries(
    (Object.keys(ACCOUNT_COLUMNS) as AccountField[])
      .filter((f) => fields[f] !== undefined && fields[f] !== null && !(Array.isArray(fields[f]) && fields[f].length === 0))
      .map((f) => [f, stamp]),
  );
  const row = {
    name: input.name,
    siren: input.siren ?? null,
    siret: input.siret ?? null,
    segment: input.segment,
    sector: input.sector ?? null,
    size_band: input.sizeBand ?? null,
    revenue_cents: input.revenueCents ?? null,
    address_line: input.addressLine ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    phones: input.phones,
    emails: input.emails,
    owner_id: input.ownerId ?? null,
    parent_id: input.parentId ?? null,
  };
  const { score } = completenessOf(row, { contactCount: 0, hasDecisionMaker: false });
  await ctx.db
    .insertInto('accounts')
    .values({
      id,
      ...row,
      phone_search: phoneSearch(input.phones),
      agency_id: input.agencyId,
      region_id: regionId,
      status: input.status,
      completeness: score,
      field_provenance: JSON.stringify(provenanceByField),
      created_by: ctx.actor.userId,
      created_at: appended.recordedAt,
      updated_at: appended.recordedAt,
    })
    .execute();
  return id;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export async function updateAccount(ctx: Ctx, id: string, input: UpdateAccount): Promise<void> {
  const current = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const scope = current && { ownerId: current.owner_id, agencyId: current.agency_id, regionId: current.region_id };
  if (!current || !scope || !can(ctx.actor, 'account.read', scope)) throw notFound('account', id);
  if (!can(ctx.actor, 'account.update', scope)) throw forbidden('change this account');
  if (current.version !== input.version) throw versionConflict('account', current.version);
  if (current.archived_at) throw new DomainError('unprocessable', 'account.archived', 'This account is archived');

  const changes: Partial<Record<AccountField, { from: unknown; to: unknown }>> = {};
  for (const field of Object.keys(ACCOUNT_COLUMNS) as AccountField[]) {
    const next = input[field];
    if (next === undefined) continue;
    const column = ACCOUNT_COLUMNS[field];
    const before = column === 'revenue_cents' && current.revenue_cents !== null ? Number(current.revenue_cents) : current[column];
    if (!sameValue(before, next)) changes[field] = { from: before, to: next };
  }
  if (Object.keys(changes).length === 0) return;

  if ((changes.ownerId || changes.agencyId) && !can(ctx.actor, 'account.reassign', scope)) {
    throw new DomainError('forbidden', 'account.reassign_not_allowed', 'Only a manager may move an account to another owner or agency', changes.ownerId ? 'ownerId' : 'agencyId');
  }
  if (changes.ownerId) await assertOwnerExists(ctx, input.ownerId);
  if (changes.parentId) await assertParentValid(ctx, input.parentId, id);
  const regionId = changes.agencyId ? await regionOfAgency(ctx, input.agencyId!) : current.region_id;
  // Moving an account needs authority where it lands too, not only where it is.
  const destination = { ownerId: (input.ownerId === undefined ? current.owner_id : input.ownerId) ?? null, agencyId: input.agencyId ?? current.agency_id, regionId };
  if (changes.agencyId && !can(ctx.actor, 'account.reassign', destination)) {
    throw new DomainError('forbidden', 'account.reassign_not_allowed', 'You cannot move an account into an agency you do not manage', 'agencyId');
  }
  const merged = { ...current, ...Object.fromEntries(Object.entries(changes).map(([f, c]) => [ACCOUNT_COLUMNS[f as AccountField], c.to])) };
  const siren = merged.siren as string | null;
  const siret = merged.siret as string | null;
  if (siren && siret && !siret.startsWith(siren)) {
    throw new DomainError('invalid', 'siret.siren_mismatch', 'The SIRET must start with the SIREN', 'siret');
  }

  const appended = await appendTrace(ctx, accountStream(id), 'account.updated', { changes });
  const stamp = provenance(ctx, appended.recordedAt);
  const { score } = completenessOf(merged as typeof current, await contactStats(ctx.db, id));
  const set: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(changes)) set[ACCOUNT_COLUMNS[field as AccountField]] = change.to;
  if (changes.phones) set.phone_search = phoneSearch(input.phones!);
  const newProvenance = { ...current.field_provenance, ...Object.fromEntries(Object.keys(changes).map((f) => [f, stamp])) };
  await ctx.db
    .updateTable('accounts')
    .set({
      ...set,
      region_id: regionId,
      completeness: score,
      field_provenance: JSON.stringify(newProvenance),
      version: sql<number>`version + 1`,
      updated_at: appended.recordedAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function archiveAccount(ctx: Ctx, id: string, version: number): Promise<void> {
  const current = await accountScope(ctx.db, id);
  if (!current || !can(ctx.actor, 'account.read', current)) throw notFound('account', id);
  if (!can(ctx.actor, 'account.archive', current)) throw forbidden('archive this account');
  if (current.version !== version) throw versionConflict('account', current.version);
  if (current.archived) return;
  const appended = await appendTrace(ctx, accountStream(id), 'account.archived', {});
  await ctx.db
    .updateTable('accounts')
    .set({ archived_at: appended.recordedAt, version: sql<number>`version + 1`, updated_at: appended.recordedAt })
    .where('id', '=', id)
    .execute();
}

async function refreshCompleteness(ctx: Ctx, accountId: string) {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
  const { score } = completenessOf(account, await contactStats(ctx.db, accountId));
  if (score !== account.completeness) {
    await ctx.db.updateTable('accounts').set({ completeness: score }).where('id', '=', accountId).execute();
  }
}

async function writableAccount(ctx: Ctx, accountId: string, field = 'accountId') {
  const scope = await accountScope(ctx.db, accountId);
  if (!scope || !can(ctx.actor, 'account.read', scope)) {
    throw new DomainError('not_found', 'account.not_found', `No account ${accountId} that you can see`, field);
  }
  if (!can(ctx.actor, 'contact.write', scope)) throw forbidden("change this account's contacts");
  if (scope.archived) throw new DomainError('unprocessable', 'account.archived', 'This account is archived');
  return scope;
}

export async function createContact(ctx: Ctx, input: CreateContact): Promise<string> {
  await writableAccount(ctx, input.accountId);
  const id = uuidv7();
  const appended = await appendTrace(ctx, accountStream(input.accountId), 'contact.created', { contactId: id, ...input });
  await ctx.db
    .insertInto('contacts')
    .values({
      id,
      account_id: input.accountId,
      first_name: input.firstName,
      last_name: input.lastName,
      job_title: input.jobTitle ?? null,
      phones: input.phones,
      emails: input.emails,
      phone_search: phoneSearch(input.phones),
      decision_maker: input.decisionMaker,
      consent_call: input.consentCall,
      consent_mail: input.consentMail,
      created_by: ctx.actor.userId,
      created_at: appended.recordedAt,
      updated_at: appended.recordedAt,
    })
    .execute();
  await refreshCompleteness(ctx, input.accountId);
  return id;
}

const CONTACT_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  jobTitle: 'job_title',
  phones: 'phones',
  emails: 'emails',
  decisionMaker: 'decision_maker',
  consentCall: 'consent_call',
  consentMail: 'consent_mail',
} as const;
type ContactField = keyof typeof CONTACT_COLUMNS;

export async function updateContact(ctx: Ctx, id: string, input: UpdateContact): Promise<void> {
  const current = await ctx.db.selectFrom('contacts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw notFound('contact', id);
  await writableAccount(ctx, current.account_id).catch((error: unknown) => {
    throw error instanceof DomainError && error.kind === 'not_found' ? notFound('contact', id) : error;
  });
  if (current.version !== input.version) throw versionConflict('contact', current.version);
  const changes: Partial<Record<ContactField | 'archived', { from: unknown; to: unknown }>> = {};
  for (const field of Object.keys(CONTACT_COLUMNS) as ContactField[]) {
    const next = input[field];
    if (next !== undefined && !sameValue(current[CONTACT_COLUMNS[field]], next)) {
      changes[field] = { from: current[CONTACT_COLUMNS[field]], to: next };
    }
  }
  if (input.archived !== undefined && input.archived !== (current.archived_at !== null)) {
    changes.archived = { from: current.archived_at !== null, to: input.archived };
  }
  if (Object.keys(changes).length === 0) return;
  const appended = await appendTrace(ctx, accountStream(current.account_id), 'contact.updated', { contactId: id, changes });
  const set: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(changes)) {
    if (field !== 'archived') set[CONTACT_COLUMNS[field as ContactField]] = change.to;
  }
  if (changes.phones) set.phone_search = phoneSearch(input.phones!);
  if (changes.archived) set.archived_at = input.archived ? appended.recordedAt : null;
  await ctx.db
    .updateTable('contacts')
    .set({ ...set, version: sql<number>`version + 1`, updated_at: appended.recordedAt })
    .where('id', '=', id)
    .execute();
  await refreshCompleteness(ctx, current.account_id);
}

/**
 * GDPR erasure of a contact: the row is anonymised and the personal data in the account's trace
 * (the contact's own events) is erased; the chain still verifies and the erasure is itself traced.
 */
export async function eraseContact(ctx: Ctx, id: string, reason: string): Promise<void> {
  const contact = await ctx.db.selectFrom('contacts').select(['account_id']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!contact) throw notFound('contact', id);
  const stream = accountStream(contact.account_id);
  const events = await ctx.db
    .selectFrom('trace_events')
    .select('seq')
    .where('stream', '=', stream)
    .where('action', 'in', ['contact.created', 'contact.updated'])
    .where(sql<boolean>`payload ->> 'contactId' = ${id}`)
    .execute();
  await eraseTracePayloads(ctx, stream, events.map((e) => e.seq), reason);
  const appended = await appendTrace(ctx, stream, 'contact.erased', { contactId: id, reason });
  await ctx.db
    .updateTable('contacts')
    .set({
      first_name: '',
      last_name: 'Personne effacée',
      job_title: null,
      phones: [],
      emails: [],
      phone_search: '',
      consent_call: false,
      consent_mail: false,
      archived_at: appended.recordedAt,
      version: sql<number>`version + 1`,
      updated_at: appended.recordedAt,
    })
    .where('id', '=', id)
    .execute();
  await refreshCompleteness(ctx, contact.account_id);
}
