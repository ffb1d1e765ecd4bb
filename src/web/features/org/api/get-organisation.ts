import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Organisation } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getOrganisation = (signal?: AbortSignal) => api.get<Organisation>('/org', { signal });

export const organisationQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.org, queryFn: ({ signal }) => getOrganisation(signal), staleTime: 5 * 60_000 });

export const useOrganisation = () => useQuery(organisationQueryOptions());
