import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { myCreditsQuery, myCreditsSchema } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type MyCreditsFilters = z.input<typeof myCreditsQuery>;
export type MyCredits = z.infer<typeof myCreditsSchema>;

/** My credits over a period (a manager may ask for one of their unit's people). */
export const getMyCredits = (filters: MyCreditsFilters) => api.get<MyCredits>('/credits', { query: { ...filters } });

export const myCreditsQueryOptions = (filters: MyCreditsFilters) =>
  queryOptions({ queryKey: queryKeys.credits.mine({ ...filters }), queryFn: () => getMyCredits(filters), placeholderData: keepPreviousData });

export const useMyCredits = (filters: MyCreditsFilters) => useQuery(myCreditsQueryOptions(filters));
