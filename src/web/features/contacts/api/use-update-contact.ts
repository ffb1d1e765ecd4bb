import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Contact, updateContactBody } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const updateContact = ({ id, body }: { id: string; body: z.output<typeof updateContactBody> }) => api.patch<Contact>(`/contacts/${id}`, body);

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateContact,
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts(contact.accountId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(contact.accountId) });
    },
  });
}
