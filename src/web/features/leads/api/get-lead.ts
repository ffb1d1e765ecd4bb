import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Lead } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getLead = (id: string) => api.get<Lead>(`/leads/${id}`);

export const leadQueryOptions = (id: string) => queryOptions({ queryKey: queryKeys.leads.detail(id), queryFn: () => getLead(id) });

export const useLead = (id: string) => useQuery(leadQueryOptions(id));
