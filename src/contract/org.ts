import { z } from 'zod';
import { emailSchema } from './values.ts';
import { poolKindSchema, roleSchema } from './auth.ts';

const code = z.string().trim().min(2).max(20).regex(/^[A-Z0-9-]+$/, { message: 'Use capital letters, digits and dashes' });
const name = z.string().trim().min(2).max(120);
const isoDate = z.iso.date();

export const regionSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const createRegionBody = z.object({ code, name });
export const updateRegionBody = z.object({ name });

export const agencySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  city: z.string(),
  regionId: z.string(),
});
export const createAgencyBody = z.object({ code, name, city: z.string().trim().min(1).max(120), regionId: z.uuid() });
export const updateAgencyBody = z.object({ name: name.optional(), city: z.string().trim().min(1).max(120).optional() });

export const poolScopeSchema = z.enum(['agency', 'region', 'nation']);
export const poolSchema = z.object({
  id: z.string(),
  kind: poolKindSchema,
  name: z.string(),
  scope: poolScopeSchema,
  agencyId: z.string().nullable(),
  regionId: z.string().nullable(),
  memberCount: z.number(),
});
export const createPoolBody = z.object({
  kind: poolKindSchema,
  name,
  scope: poolScopeSchema,
  /** The agency for an agency pool, the region for a regional pool; none for a national pool. */
  unitId: z.uuid().optional(),
});

export const unitTypeSchema = z.enum(['nation', 'region', 'agency', 'pool']);
export const managedUnitSchema = z.object({ type: unitTypeSchema, id: z.uuid().nullable() });
export const membershipInput = z.object({ poolId: z.uuid(), startsOn: isoDate.optional(), endsOn: isoDate.nullable().optional() });
export const assignmentInput = z.object({
  agencyId: z.uuid(),
  sharePct: z.number().int().min(1).max(100),
  startsOn: isoDate.optional(),
  endsOn: isoDate.nullable().optional(),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  homeAgencyId: z.string().nullable(),
  active: z.boolean(),
  absentFrom: z.string().nullable(),
  absentUntil: z.string().nullable(),
  backupUserId: z.string().nullable(),
  version: z.number(),
  memberships: z.array(z.object({ poolId: z.string(), startsOn: z.string(), endsOn: z.string().nullable() })),
  assignments: z.array(z.object({ agencyId: z.string(), sharePct: z.number(), startsOn: z.string(), endsOn: z.string().nullable() })),
  managedUnits: z.array(z.object({ type: unitTypeSchema, id: z.string().nullable() })),
});
export type OrgUser = z.infer<typeof userSchema>;

const sharesAddUp = (assignments: Array<{ sharePct: number }> | undefined) =>
  !assignments || assignments.length === 0 || assignments.reduce((s, a) => s + a.sharePct, 0) <= 100;

export const createUserBody = z
  .object({
    email: emailSchema,
    name,
    password: z.string().min(10, { message: 'At least 10 characters' }).max(200),
    roles: z.array(roleSchema).min(1).default(['agent']),
    homeAgencyId: z.uuid().nullable().optional(),
    memberships: z.array(membershipInput).default([]),
    assignments: z.array(assignmentInput).default([]),
    managedUnits: z.array(managedUnitSchema).default([]),
  })
  .refine((u) => sharesAddUp(u.assignments), {
    message: 'Allocation shares across agencies add up to more than 100%',
    path: ['assignments'],
    params: { code: 'user.shares_over_100' },
  });

export const updateUserBody = z
  .object({
    version: z.number().int(),
    name: name.optional(),
    roles: z.array(roleSchema).min(1).optional(),
    homeAgencyId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
    absentFrom: isoDate.nullable().optional(),
    absentUntil: isoDate.nullable().optional(),
    backupUserId: z.uuid().nullable().optional(),
    password: z.string().min(10, { message: 'At least 10 characters' }).max(200).optional(),
    memberships: z.array(membershipInput).optional(),
    assignments: z.array(assignmentInput).optional(),
    managedUnits: z.array(managedUnitSchema).optional(),
  })
  .refine((u) => sharesAddUp(u.assignments), {
    message: 'Allocation shares across agencies add up to more than 100%',
    path: ['assignments'],
    params: { code: 'user.shares_over_100' },
  });

export const organisationSchema = z.object({
  regions: z.array(regionSchema),
  agencies: z.array(agencySchema),
  pools: z.array(poolSchema),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const directoryEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  homeAgencyId: z.string().nullable(),
  poolKinds: z.array(poolKindSchema),
  absent: z.boolean(),
  active: z.boolean(),
});
