import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Organisation } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getOrganisation = () => api.get<Organisation>('/org');

export const organisationQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.org, queryFn: () => getOrganisation(), staleTime: 5 * 60_000 });

export const useOrganisation = () => useQuery(organisationQueryOptions());
