import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SalesRule, setSalesRuleBody } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type SetSalesRuleInput = z.output<typeof setSalesRuleBody>;

/** Admins publish a new version of one sales rule (403 otherwise); the older versions stay readable. */
export const setSalesRule = (body: SetSalesRuleInput) => api.post<SalesRule>('/sales-rules', body);

export function useSetSalesRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSalesRule,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rules.sales });
      void queryClient.invalidateQueries({ queryKey: queryKeys.deals.all });
    },
  });
}
