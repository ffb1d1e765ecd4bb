import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Account360 } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { TIMELINE_PAGE_SIZE } from '../../interactions/api/get-timeline.ts';

export const getAccount360 = (id: string) =>
  api.get<Account360>(`/accounts/${id}/360`, { query: { timelineLimit: TIMELINE_PAGE_SIZE } });

/**
 * The account page's first read in one request: it answers the account (under the account's own key) and
 * fills the contacts' and the unfiltered timeline's caches, so those panels show at once without asking again.
 */
export const account360QueryOptions = (id: string, queryClient: QueryClient) =>
  queryOptions({
    queryKey: queryKeys.accounts.detail(id),
    queryFn: async () => {
      const { account, contacts, timeline } = await getAccount360(id);
      queryClient.setQueryData(queryKeys.contacts(id), { items: contacts, nextCursor: null });
      queryClient.setQueryData(queryKeys.timeline(id, []), { pages: [timeline], pageParams: [undefined] });
      return account;
    },
  });

export const useAccount360 = (id: string) => useQuery(account360QueryOptions(id, useQueryClient()));
