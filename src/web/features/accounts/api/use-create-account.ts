import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Account, createAccountBody } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type CreateAccountInput = z.output<typeof createAccountBody>;

export const createAccount = (body: CreateAccountInput) => api.post<Account>('/accounts', body);

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: (account) => {
      queryClient.setQueryData(queryKeys.accounts.detail(account.id), account);
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts.all });
      void queryClient.invalidateQueries({ queryKey: ['search'] });
    },
  });
}
