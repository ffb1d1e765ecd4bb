import { z } from 'zod';
import {
  agencySchema,
  createAgencyBody,
  createPoolBody,
  createRegionBody,
  createUserBody,
  directoryEntrySchema,
  organisationSchema,
  poolSchema,
  regionSchema,
  updateAgencyBody,
  updateRegionBody,
  updateUserBody,
  userSchema,
} from '../../contract/org.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { can } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { forbidden, notFound } from '../errors.ts';
import { createAgency, createPool, createRegion, createUser, updateAgency, updateRegion, updateUser } from './commands.ts';
import { directory, getOrganisation, getUser, listUsers } from './queries.ts';

const idParams = z.object({ id: z.uuid() });

function mustManageOrg(p: Principal) {
  if (!can(p, 'org.manage')) throw forbidden('change the organisation');
}
function mustManageUsers(p: Principal) {
  if (!can(p, 'user.manage')) throw forbidden('manage users');
}
function mustReadUsers(p: Principal) {
  if (!can(p, 'user.read')) throw forbidden('read the user accounts');
}

function find<T extends { id: string }>(list: T[], id: string, what: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw notFound(what, id);
  return found;
}

export const orgRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/org',
    summary: 'Regions, agencies and pools',
    tag: 'organisation',
    auth: 'user',
    response: organisationSchema,
    async handler({ principal, deps }) {
      if (!can(principal, 'org.read')) throw forbidden('read the organisation');
      return getOrganisation(deps.db);
    },
  }),
  route({
    method: 'POST',
    url: '/api/org/regions',
    summary: 'Create a region',
    tag: 'organisation',
    auth: 'user',
    body: createRegionBody,
    response: regionSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      mustManageOrg(principal);
      const id = await write(deps, principal, (ctx) => createRegion(ctx, body));
      return find((await getOrganisation(deps.db)).regions, id, 'region');
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/org/regions/:id',
    summary: 'Rename a region',
    tag: 'organisation',
    auth: 'user',
    params: idParams,
    body: updateRegionBody,
    response: regionSchema,
    async handler({ principal, deps, body, params }) {
      mustManageOrg(principal);
      await write(deps, principal, (ctx) => updateRegion(ctx, params.id, body));
      return find((await getOrganisation(deps.db)).regions, params.id, 'region');
    },
  }),
  route({
    method: 'POST',
    url: '/api/org/agencies',
    summary: 'Create an agency in a region',
    tag: 'organisation',
    auth: 'user',
    body: createAgencyBody,
    response: agencySchema,
    status: 201,
    async handler({ principal, deps, body }) {
      mustManageOrg(principal);
      const id = await write(deps, principal, (ctx) => createAgency(ctx, body));
      return find((await getOrganisation(deps.db)).agencies, id, 'agency');
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/org/agencies/:id',
    summary: 'Change an agency',
    tag: 'organisation',
    auth: 'user',
    params: idParams,
    body: updateAgencyBody,
    response: agencySchema,
    async handler({ principal, deps, body, params }) {
      mustManageOrg(principal);
      await write(deps, principal, (ctx) => updateAgency(ctx, params.id, body));
      return find((await getOrganisation(deps.db)).agencies, params.id, 'agency');
    },
  }),
  route({
    method: 'POST',
    url: '/api/org/pools',
    summary: 'Create a competency pool (agency, regional or national)',
    tag: 'organisation',
    auth: 'user',
    body: createPoolBody,
    response: poolSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      mustManageOrg(principal);
      const id = await write(deps, principal, (ctx) => createPool(ctx, body));
      return find((await getOrganisation(deps.db)).pools, id, 'pool');
    },
  }),
  route({
    method: 'GET',
    url: '/api/users',
    summary: 'Users with roles, memberships, assignments and managed units (admin)',
    tag: 'organisation',
    auth: 'user',
    query: z.object({
      cursor: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(200).default(100),
      q: z.string().trim().optional(),
    }),
    response: z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }),
    async handler({ principal, deps, query }) {
      mustReadUsers(principal);
      return listUsers(deps.db, query);
    },
  }),
  route({
    method: 'GET',
    url: '/api/users/:id',
    summary: 'One user (admin)',
    tag: 'organisation',
    auth: 'user',
    params: idParams,
    response: userSchema,
    async handler({ principal, deps, params }) {
      mustReadUsers(principal);
      const user = await getUser(deps.db, params.id);
      if (!user) throw notFound('user', params.id);
      return user;
    },
  }),
  route({
    method: 'POST',
    url: '/api/users',
    summary: 'Create a user',
    tag: 'organisation',
    auth: 'user',
    body: createUserBody,
    response: userSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      mustManageUsers(principal);
      const id = await write(deps, principal, (ctx) => createUser(ctx, body));
      return (await getUser(deps.db, id))!;
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    summary: 'Change a user (send the version you read; 409 if stale)',
    tag: 'organisation',
    auth: 'user',
    params: idParams,
    body: updateUserBody,
    response: userSchema,
    async handler({ principal, deps, body, params }) {
      mustManageUsers(principal);
      await write(deps, principal, (ctx) => updateUser(ctx, params.id, body));
      return (await getUser(deps.db, params.id))!;
    },
  }),
  route({
    method: 'GET',
    url: '/api/directory',
    summary: 'Who is who: pools, home agency, absence',
    tag: 'organisation',
    auth: 'user',
    query: z.object({ q: z.string().trim().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ items: z.array(directoryEntrySchema), nextCursor: z.null() }),
    async handler({ principal, deps, query }) {
      if (!can(principal, 'org.read')) throw forbidden('read the directory');
      return { items: await directory(deps.db, query), nextCursor: null };
    },
  }),
];
