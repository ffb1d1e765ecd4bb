import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AlertRule } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getAlertRules = (signal?: AbortSignal) => api.get<{ items: AlertRule[] }>('/alert-rules', { signal });

export const alertRulesQueryOptions = () => queryOptions({ queryKey: queryKeys.steering.alertRules, queryFn: ({ signal }) => getAlertRules(signal) });

/** Every alert rule, in plain words in both languages, with whether the reader may change it (they are visible to all). */
export const useAlertRules = () => useQuery(alertRulesQueryOptions());
