import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { setRoutingRuleBody } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import type { RoutingRule } from './get-routing-rules.ts';

export type SetRoutingRuleInput = z.output<typeof setRoutingRuleBody>;

export const setRoutingRule = (body: SetRoutingRuleInput) => api.post<RoutingRule>('/rules/routing', body);

export function useSetRoutingRule() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: setRoutingRule, onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.rules.routing }) });
}
