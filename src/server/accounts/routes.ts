import { z } from 'zod';
import {
  account360Query,
  account360Schema,
  accountSchema,
  accountSummarySchema,
  contactSchema,
  createAccountBody,
  createContactBody,
  duplicateCandidateSchema,
  duplicateCheckBody,
  listAccountsQuery,
  listContactsQuery,
  phoneLookupSchema,
  searchHitSchema,
  searchQuery,
  updateAccountBody,
  updateContactBody,
} from '../../contract/accounts.ts';
import { compactDigits, normalizePhone } from '../../contract/values.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import type { Db } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import { can } from '../auth/policy.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { archiveAccount, createAccount, createContact, eraseContact, updateAccount, updateContact } from './commands.ts';
import { timeline } from '../interactions/queries.ts';
import { accountScope, findDuplicates, getAccount, getContact, listAccounts, listContacts, lookupPhone, search } from './queries.ts';

const idParams = z.object({ id: z.uuid() });

async function readAccount(db: Db, p: Principal, id: string) {
  const account = await getAccount(db, p, id);
  if (!account) throw notFound('account', id);
  return account;
}

export const accountRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/accounts',
    summary: 'Accounts you can read, by name (keyset pagination)',
    tag: 'accounts',
    auth: 'user',
    query: listAccountsQuery,
    response: z.object({ items: z.array(accountSummarySchema), nextCursor: z.string().nullable() }),
    handler: ({ principal, deps, query }) => listAccounts(deps.db, principal, query),
  }),
  route({
    method: 'POST',
    url: '/api/accounts',
    summary: 'Create an account. 409 account.possible_duplicate lists look-alikes unless acknowledgeDuplicates is true',
    tag: 'accounts',
    auth: 'user',
    body: createAccountBody,
    response: accountSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      const id = await write(deps, principal, (ctx) => createAccount(ctx, body));
      return readAccount(deps.db, principal, id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/accounts/duplicates',
    summary: 'Accounts that may be the same customer (same SIREN/SIRET, phone, email, or similar name in the same city)',
    tag: 'accounts',
    auth: 'user',
    body: duplicateCheckBody,
    response: z.object({ items: z.array(duplicateCandidateSchema), nextCursor: z.null() }),
    async handler({ principal, deps, body }) {
      const phones = body.phones.map((p) => normalizePhone(p)).filter((p): p is string => p !== null);
      const items = await findDuplicates(deps.db, principal, {
        name: body.name,
        siren: body.siren ? compactDigits(body.siren) : null,
        siret: body.siret ? compactDigits(body.siret) : null,
        city: body.city ?? null,
        phones,
        emails: body.emails.map((e) => e.trim().toLowerCase()),
        excludeId: body.excludeId,
      });
      return { items, nextCursor: null };
    },
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:id',
    summary: 'One account: identity, completeness and what is missing, provenance, your abilities on it',
    tag: 'accounts',
    auth: 'user',
    params: idParams,
    response: accountSchema,
    handler: ({ principal, deps, params }) => readAccount(deps.db, principal, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:id/360',
    summary: "The account page in one request: the account, its live contacts and the first page of its timeline",
    tag: 'accounts',
    auth: 'user',
    params: idParams,
    query: account360Query,
    response: account360Schema,
    async handler({ principal, deps, params, query }) {
      // Read side by side; the contacts and timeline of an account the caller may not read are dropped unseen.
      const [account, contacts, page] = await Promise.all([
        readAccount(deps.db, principal, params.id),
        listContacts(deps.db, params.id, false),
        timeline(deps.db, params.id, { limit: query.timelineLimit, channels: [] }),
      ]);
      return { account, contacts, timeline: page };
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/accounts/:id',
    summary: 'Change an account (send the version you read; 409 account.version_conflict if stale)',
    tag: 'accounts',
    auth: 'user',
    params: idParams,
    body: updateAccountBody,
    response: accountSchema,
    async handler({ principal, deps, body, params }) {
      await write(deps, principal, (ctx) => updateAccount(ctx, params.id, body));
      return readAccount(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:id/archive',
    summary: 'Archive an account (managers)',
    tag: 'accounts',
    auth: 'user',
    params: idParams,
    body: z.object({ version: z.number().int() }),
    response: accountSchema,
    async handler({ principal, deps, body, params }) {
      await write(deps, principal, (ctx) => archiveAccount(ctx, params.id, body.version));
      return readAccount(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/contacts',
    summary: "An account's contacts",
    tag: 'accounts',
    auth: 'user',
    query: listContactsQuery,
    response: z.object({ items: z.array(contactSchema), nextCursor: z.null() }),
    async handler({ principal, deps, query }) {
      const scope = await accountScope(deps.db, query.accountId);
      if (!scope || !can(principal, 'account.read', scope)) throw notFound('account', query.accountId);
      return { items: await listContacts(deps.db, query.accountId, query.includeArchived), nextCursor: null };
    },
  }),
  route({
    method: 'POST',
    url: '/api/contacts',
    summary: 'Add a contact to an account',
    tag: 'accounts',
    auth: 'user',
    body: createContactBody,
    response: contactSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      const id = await write(deps, principal, (ctx) => createContact(ctx, body));
      return (await getContact(deps.db, id))!;
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/contacts/:id',
    summary: 'Change or archive a contact (send the version you read)',
    tag: 'accounts',
    auth: 'user',
    params: idParams,
    body: updateContactBody,
    response: contactSchema,
    async handler({ principal, deps, body, params }) {
      await write(deps, principal, (ctx) => updateContact(ctx, params.id, body));
      return (await getContact(deps.db, params.id))!;
    },
  }),
  route({
    method: 'POST',
    url: '/api/contacts/:id/erase',
    summary: "GDPR erasure of a contact's personal data, in the record and in the trace (admin); the erasure is traced",
    tag: 'accounts',
    auth: 'user',
    params: idParams,
    body: z.object({ reason: z.string().trim().min(3, { message: 'Say why (e.g. the request reference)' }).max(500) }),
    response: contactSchema,
    async handler({ principal, deps, body, params }) {
      if (!can(principal, 'data.erase')) throw forbidden('erase personal data');
      await write(deps, principal, (ctx) => eraseContact(ctx, params.id, body.reason));
      return (await getContact(deps.db, params.id))!;
    },
  }),
  route({
    method: 'GET',
    url: '/api/search',
    summary: 'Find accounts by name fragment, SIREN/SIRET, phone (any format or a fragment) or email, also through contacts',
    tag: 'accounts',
    auth: 'user',
    query: searchQuery,
    response: z.object({ items: z.array(searchHitSchema), nextCursor: z.null() }),
    async handler({ principal, deps, query }) {
      return { items: await search(deps.db, principal, query.q, query.limit), nextCursor: null };
    },
  }),
  route({
    method: 'GET',
    url: '/api/lookup/phone/:number',
    summary: "Screen pop: the accounts and contacts with this phone number (any format)",
    tag: 'accounts',
    auth: 'user',
    params: z.object({ number: z.string().min(3).max(40) }),
    response: phoneLookupSchema,
    async handler({ principal, deps, params }) {
      const e164 = normalizePhone(params.number);
      if (!e164) throw new DomainError('invalid', 'phone.invalid', `"${params.number}" is not a valid phone number`, 'number');
      return { number: e164, ...(await lookupPhone(deps.db, principal, e164)) };
    },
  }),
];
