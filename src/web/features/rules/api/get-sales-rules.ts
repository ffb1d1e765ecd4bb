import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { salesRulesSchema } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type SalesRules = z.infer<typeof salesRulesSchema>;

export const getSalesRules = () => api.get<SalesRules>('/sales-rules');

export const salesRulesQueryOptions = () => queryOptions({ queryKey: queryKeys.rules.sales, queryFn: () => getSalesRules() });

/** Eligibility, incentive, attribution and stage probabilities: the rules in force and every version (readable by everyone). */
export const useSalesRules = () => useQuery(salesRulesQueryOptions());
