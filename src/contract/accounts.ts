import { z } from 'zod';
import { emailSchema, phoneSchema, sirenSchema, siretSchema } from './values.ts';
import { timelinePageSchema, timelineQuery } from './interactions.ts';

export const segmentSchema = z.enum(['mass', 'intermediate', 'key']);
export const accountStatusSchema = z.enum(['prospect', 'customer', 'former']);
export const sizeBandSchema = z.enum(['1-9', '10-49', '50-249', '250-999', '1000+']);
export type Segment = z.infer<typeof segmentSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const accountFields = {
  name: z.string().trim().min(2, { message: 'At least 2 characters' }).max(200),
  siren: sirenSchema.nullable().optional(),
  siret: siretSchema.nullable().optional(),
  segment: segmentSchema,
  sector: optionalText(100),
  sizeBand: sizeBandSchema.nullable().optional(),
  revenueCents: z.number().int().min(0).nullable().optional(),
  addressLine: optionalText(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'A French postal code has 5 digits' })
    .nullable()
    .optional(),
  city: optionalText(100),
  phones: z.array(phoneSchema).max(10).default([]),
  emails: z.array(emailSchema).max(10).default([]),
  ownerId: z.uuid().nullable().optional(),
  agencyId: z.uuid(),
  parentId: z.uuid().nullable().optional(),
  status: accountStatusSchema.default('prospect'),
};

const siretMatchesSiren = (a: { siren?: string | null; siret?: string | null }) =>
  !a.siren || !a.siret || a.siret.startsWith(a.siren);

export const createAccountBody = z
  .object({
    ...accountFields,
    /** Set after the user has seen the duplicate warning and confirms this is a different customer. */
    acknowledgeDuplicates: z.boolean().default(false),
  })
  .refine(siretMatchesSiren, { message: 'The SIRET must start with the SIREN', path: ['siret'], params: { code: 'siret.siren_mismatch' } });
export type CreateAccountBody = z.input<typeof createAccountBody>;

export const updateAccountBody = z
  .object({
    version: z.number().int(),
    name: accountFields.name.optional(),
    siren: accountFields.siren,
    siret: accountFields.siret,
    segment: segmentSchema.optional(),
    sector: accountFields.sector,
    sizeBand: accountFields.sizeBand,
    revenueCents: accountFields.revenueCents,
    addressLine: accountFields.addressLine,
    postalCode: accountFields.postalCode,
    city: accountFields.city,
    phones: z.array(phoneSchema).max(10).optional(),
    emails: z.array(emailSchema).max(10).optional(),
    ownerId: accountFields.ownerId,
    agencyId: z.uuid().optional(),
    parentId: accountFields.parentId,
    status: accountStatusSchema.optional(),
  })
  .refine(siretMatchesSiren, { message: 'The SIRET must start with the SIREN', path: ['siret'], params: { code: 'siret.siren_mismatch' } });
export type UpdateAccountBody = z.input<typeof updateAccountBody>;

export const missingFieldSchema = z.object({ field: z.string(), reason: z.enum(['missing', 'imprecise']) });

export const accountAbilitiesSchema = z.object({
  update: z.boolean(),
  reassign: z.boolean(),
  archive: z.boolean(),
  writeContacts: z.boolean(),
  logInteraction: z.boolean(),
  /** May open a complaint or after-sales case on the account. */
  openCase: z.boolean(),
});

export const provenanceSchema = z.object({ by: z.string().nullable(), byName: z.string(), channel: z.string(), at: z.string() });

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  segment: segmentSchema,
  sector: z.string().nullable(),
  sizeBand: z.string().nullable(),
  revenueCents: z.number().nullable(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  agencyId: z.string(),
  agencyName: z.string(),
  regionId: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  status: accountStatusSchema,
  completeness: z.number(),
  missing: z.array(missingFieldSchema),
  provenance: z.record(z.string(), provenanceSchema),
  archivedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: accountAbilitiesSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const accountSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  siren: z.string().nullable(),
  city: z.string().nullable(),
  segment: segmentSchema,
  status: accountStatusSchema,
  phones: z.array(z.string()),
  ownerName: z.string().nullable(),
  agencyName: z.string(),
  completeness: z.number(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const listAccountsQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  agencyId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  segment: segmentSchema.optional(),
  status: accountStatusSchema.optional(),
  includeArchived: z.stringbool().default(false),
});

export const duplicateCandidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  siren: z.string().nullable(),
  reasons: z.array(z.enum(['same_siren', 'same_siret', 'same_phone', 'same_email', 'similar_name_same_city'])),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const duplicateCheckBody = z.object({
  name: z.string().trim().default(''),
  siren: z.string().nullable().optional(),
  siret: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  phones: z.array(z.string()).default([]),
  emails: z.array(z.string()).default([]),
  excludeId: z.uuid().optional(),
});

export const contactFields = {
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().min(1, { message: 'Enter a last name' }).max(100),
  jobTitle: z.string().trim().max(120).nullable().optional(),
  phones: z.array(phoneSchema).max(10).default([]),
  emails: z.array(emailSchema).max(10).default([]),
  decisionMaker: z.boolean().default(false),
  consentCall: z.boolean().default(true),
  consentMail: z.boolean().default(true),
};

export const createContactBody = z.object({ accountId: z.uuid(), ...contactFields });
export type CreateContactBody = z.input<typeof createContactBody>;
export const updateContactBody = z.object({
  version: z.number().int(),
  firstName: z.string().trim().max(100).optional(),
  lastName: contactFields.lastName.optional(),
  jobTitle: contactFields.jobTitle,
  phones: z.array(phoneSchema).max(10).optional(),
  emails: z.array(emailSchema).max(10).optional(),
  decisionMaker: z.boolean().optional(),
  consentCall: z.boolean().optional(),
  consentMail: z.boolean().optional(),
  archived: z.boolean().optional(),
});

export const contactSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string().nullable(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  decisionMaker: z.boolean(),
  consentCall: z.boolean(),
  consentMail: z.boolean(),
  archivedAt: z.string().nullable(),
  version: z.number(),
});
export type Contact = z.infer<typeof contactSchema>;

/** The account page in one read: identity, live contacts and the first page of the whole timeline. */
export const account360Query = z.object({ timelineLimit: timelineQuery.shape.limit });
export const account360Schema = z.object({ account: accountSchema, contacts: z.array(contactSchema), timeline: timelinePageSchema });
export type Account360 = z.infer<typeof account360Schema>;

export const listContactsQuery = z.object({
  accountId: z.uuid(),
  includeArchived: z.stringbool().default(false),
});

export const searchQuery = z.object({
  q: z.string().trim().min(1, { message: 'Type something to search for' }).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const searchMatchSchema = z.enum(['name', 'siren', 'siret', 'phone', 'email', 'contact_name', 'contact_phone', 'contact_email']);
export const searchHitSchema = accountSummarySchema.extend({
  matchedBy: searchMatchSchema,
  matchedContact: z.string().nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const phoneLookupSchema = z.object({
  number: z.string(),
  accounts: z.array(accountSummarySchema),
  contacts: z.array(contactSchema.extend({ accountName: z.string() })),
});
export type PhoneLookup = z.infer<typeof phoneLookupSchema>;
