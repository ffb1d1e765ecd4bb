import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Alert } from '../../../../contract/steering.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { afterAlertChange, reloadAlert } from './invalidate-alerts.ts';

/**
 * A write on one alert that answers with the alert: on success its page, the inboxes and the dashboards are refreshed;
 * on a refusal that says our copy is stale (409 version conflict, 422 no longer open) it is reloaded.
 */
export function useAlertMutation<I extends { id: string }>(write: (input: I) => Promise<Alert>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (updated) => afterAlertChange(queryClient, updated),
    onError: (error, input) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) reloadAlert(queryClient, input.id);
    },
  });
}
