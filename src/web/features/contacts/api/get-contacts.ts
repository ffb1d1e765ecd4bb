import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Contact } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getContacts = (accountId: string) =>
  api.get<{ items: Contact[]; nextCursor?: string | null }>('/contacts', { query: { accountId } });

export const contactsQueryOptions = (accountId: string, enabled = true) =>
  queryOptions({ queryKey: queryKeys.contacts(accountId), queryFn: () => getContacts(accountId), enabled });

export const useContacts = (accountId: string, enabled = true) => useQuery(contactsQueryOptions(accountId, enabled));
