import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Case } from '../../../../contract/cases.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { afterCaseChange, reloadCase } from './invalidate-case.ts';

/**
 * A write on one case that answers with the case: on success the case, the queues and its account's lists are
 * refreshed; on a refusal that says our copy is stale (409 version conflict, 422 no longer allowed) it is reloaded.
 */
export function useCaseMutation<I extends { id: string }>(write: (input: I) => Promise<Case>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (updated) => afterCaseChange(queryClient, updated),
    onError: (error, input) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) reloadCase(queryClient, input.id);
    },
  });
}
