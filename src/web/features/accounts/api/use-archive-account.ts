import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const archiveAccount = ({ id, version }: { id: string; version: number }) =>
  api.post<Account | undefined>(`/accounts/${id}/archive`, { version });

export function useArchiveAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveAccount,
    onSuccess: (_data, { id }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${id}`) });
    },
  });
}
