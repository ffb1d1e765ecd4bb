import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Alert } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getAlert = (id: string) => api.get<Alert>(`/alerts/${id}`);

export const alertQueryOptions = (id: string) => queryOptions({ queryKey: queryKeys.steering.alert(id), queryFn: () => getAlert(id) });

/** One alert with its history (fired, acknowledged, commented, cleared, resolved) and what the reader may do with it. */
export const useAlert = (id: string) => useQuery(alertQueryOptions(id));
