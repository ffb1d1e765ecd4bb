import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CaseRules, setCaseRuleBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type SetCaseRuleInput = z.output<typeof setCaseRuleBody>;

/** Admins publish a new version of the case routing rule or of the SLA rule (403 otherwise); the answer is the rules as they now stand. */
export const setCaseRule = (body: SetCaseRuleInput) => api.post<CaseRules>('/case-rules', body);

export function useSetCaseRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setCaseRule,
    onSuccess: (rules) => {
      queryClient.setQueryData(queryKeys.rules.cases, rules);
      void queryClient.invalidateQueries({ queryKey: queryKeys.rules.cases });
    },
  });
}
