import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Lead } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getLead = (id: string, signal?: AbortSignal) => api.get<Lead>(`/leads/${id}`, { signal });

export const leadQueryOptions = (id: string) => queryOptions({ queryKey: queryKeys.leads.detail(id), queryFn: ({ signal }) => getLead(id, signal) });

export const useLead = (id: string) => useQuery(leadQueryOptions(id));
