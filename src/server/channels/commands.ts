// Channels into the record. The public web form: find the company or create a prospect flagged for
// duplicate review, find or add the contact, then relay the lead like any other channel.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db, Ctx } from '../context.ts';
import type { webLeadBody } from '../../contract/leads.ts';
import { SYSTEM } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { createAccount, createContact } from '../accounts/commands.ts';
import { relayLead } from '../leads/commands.ts';

type WebLead = z.output<typeof webLeadBody>;

async function findAccount(db: Db, company: WebLead['company']): Promise<string | null> {
  const conditions = [
    company.siren ? sql`siren = ${company.siren}` : null,
    company.phone ? sql`phones @> ARRAY[${company.phone}]::text[]` : null,
    company.email ? sql`emails @> ARRAY[${company.email}]::text[]` : null,
  ].filter((c) => c !== null);
  if (conditions.length === 0) return null;
  const r = await sql<{ id: string }>`
    SELECT id FROM accounts WHERE archived_at IS NULL AND (${sql.join(conditions, sql` OR `)})
    ORDER BY (siren IS NOT DISTINCT FROM ${company.siren ?? null}) DESC, created_at LIMIT 1`.execute(db);
  return r.rows[0]?.id ?? null;
}

export async function receiveWebLead(db: Db, input: WebLead): Promise<string> {
  const ctx: Ctx = { db, actor: SYSTEM, channel: 'web' };
  const agency = await db.selectFrom('agencies').select('id').where('code', '=', input.agencyCode.toUpperCase()).executeTakeFirst();
  if (!agency) throw new DomainError('unprocessable', 'agency.unknown', `No agency ${input.agencyCode}`, 'agencyCode');
  const product = await db.selectFrom('products').select('id').where('code', '=', input.productCode.toUpperCase()).where('active', '=', true).executeTakeFirst();
  if (!product) throw new DomainError('unprocessable', 'product.unknown', `No product ${input.productCode}`, 'productCode');

  let accountId = await findAccount(db, input.company);
  if (!accountId) {
    accountId = await createAccount(ctx, {
      name: input.company.name,
      siren: input.company.siren ?? null,
      segment: 'mass',
      city: input.company.city ?? null,
      postalCode: input.company.postalCode ?? null,
      phones: input.company.phone ? [input.company.phone] : [],
      emails: input.company.email ? [input.company.email] : [],
      agencyId: agency.id,
      status: 'prospect',
      acknowledgeDuplicates: true,
    });
    // Nobody has looked at it yet: it may be a customer we know under another name.
    await db.updateTable('accounts').set({ duplicate_review: true }).where('id', '=', accountId).execute();
  }
  const c = input.contact;
  const known = await sql<{ id: string }>`
    SELECT id FROM contacts WHERE account_id = ${accountId} AND archived_at IS NULL
      AND (${c.email ? sql`emails @> ARRAY[${c.email}]::text[]` : sql`false`} OR ${c.phone ? sql`phones @> ARRAY[${c.phone}]::text[]` : sql`false`})
    LIMIT 1`.execute(db);
  const contactId =
    known.rows[0]?.id ??
    (await createContact(ctx, {
      accountId,
      firstName: c.firstName,
      lastName: c.lastName,
      phones: c.phone ? [c.phone] : [],
      emails: c.email ? [c.email] : [],
      decisionMaker: false,
      consentCall: true,
      consentMail: true,
    }));
  return relayLead(ctx, {
    accountId,
    contactId,
    productId: product.id,
    need: input.need,
    source: 'web_form',
    acknowledgeDuplicate: true,
  });
}
