import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AlertRule, createAlertRuleBody, updateAlertRuleBody } from '../../../../contract/steering.ts';
import { api, ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type SaveAlertRuleInput = { id: null; body: z.output<typeof createAlertRuleBody> } | { id: string; body: z.output<typeof updateAlertRuleBody> };

/**
 * `POST /api/alert-rules` (a new rule) or `PATCH /api/alert-rules/:id` (with the version read). The server evaluates
 * the rule at once: the rules, the inboxes and the dashboards' alert blocks are refetched. A 409 reloads the rules.
 */
export const saveAlertRule = (input: SaveAlertRuleInput) =>
  input.id === null ? api.post<AlertRule>('/alert-rules', input.body) : api.patch<AlertRule>(`/alert-rules/${input.id}`, input.body);

export function useSaveAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAlertRule,
    onSuccess: (saved) => {
      queryClient.setQueryData<{ items: AlertRule[] }>(queryKeys.steering.alertRules, (list) =>
        list ? { items: list.items.some((r) => r.id === saved.id) ? list.items.map((r) => (r.id === saved.id ? saved : r)) : [...list.items, saved] } : list,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.steering.alertRules });
      void queryClient.invalidateQueries({ queryKey: queryKeys.steering.alerts });
      void queryClient.invalidateQueries({ queryKey: ['steering', 'dashboard'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: queryKeys.steering.alertRules });
    },
  });
}
