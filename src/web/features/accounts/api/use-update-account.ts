import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Account, updateAccountBody } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type UpdateAccountInput = z.output<typeof updateAccountBody>;

export const updateAccount = ({ id, body }: { id: string; body: UpdateAccountInput }) => api.patch<Account>(`/accounts/${id}`, body);

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccount,
    onSuccess: (account) => {
      queryClient.setQueryData(queryKeys.accounts.detail(account.id), account);
      void queryClient.invalidateQueries({ queryKey: ['accounts', 'list'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(account.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${account.id}`) });
      void queryClient.invalidateQueries({ queryKey: ['search'] });
    },
  });
}
