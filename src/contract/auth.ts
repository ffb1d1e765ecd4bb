import { z } from 'zod';
import { emailSchema } from './values.ts';

export const roleSchema = z.enum(['agent', 'manager', 'director', 'admin']);
export const poolKindSchema = z.enum(['sales', 'sales_assistant', 'inbound', 'telemarketing', 'associate_seller', 'back_office', 'marketing']);
export type PoolKind = z.infer<typeof poolKindSchema>;
export type Role = z.infer<typeof roleSchema>;

export const signInBody = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'Enter your password' }),
});

export const sessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  homeAgencyId: z.string().nullable(),
  poolKinds: z.array(poolKindSchema),
  /** What the web app may show: decided on the server. */
  abilities: z.object({
    manageOrganisation: z.boolean(),
    exploreTrace: z.boolean(),
  }),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type Session = z.infer<typeof sessionSchema>;

export const apiTokenScopeSchema = z.enum(['read', 'write']);
export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(apiTokenScopeSchema).min(1).default(['read']),
});
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
