import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Contact } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getContacts = (accountId: string, signal?: AbortSignal) =>
  api.get<{ items: Contact[]; nextCursor?: string | null }>('/contacts', { query: { accountId }, signal });

export const contactsQueryOptions = (accountId: string, enabled = true) =>
  queryOptions({ queryKey: queryKeys.contacts(accountId), queryFn: ({ signal }) => getContacts(accountId, signal), enabled });

export const useContacts = (accountId: string, enabled = true) => useQuery(contactsQueryOptions(accountId, enabled));
