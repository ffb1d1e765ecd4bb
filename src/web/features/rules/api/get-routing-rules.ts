import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { routingRuleSchema } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const getRoutingRules = () => api.get<{ items: RoutingRule[] }>('/rules/routing');

export const routingRulesQueryOptions = () => queryOptions({ queryKey: queryKeys.rules.routing, queryFn: () => getRoutingRules() });

/** Every version of every routing rule, newest first (readable by everyone). */
export const useRoutingRules = () => useQuery(routingRulesQueryOptions());
