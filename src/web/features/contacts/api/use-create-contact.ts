import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Contact, createContactBody } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const createContact = (body: z.output<typeof createContactBody>) => api.post<Contact>('/contacts', body);

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createContact,
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts(contact.accountId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(contact.accountId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts.detail(contact.accountId) });
    },
  });
}
