import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AlertRule } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getAlertRules = () => api.get<{ items: AlertRule[] }>('/alert-rules');

export const alertRulesQueryOptions = () => queryOptions({ queryKey: queryKeys.steering.alertRules, queryFn: () => getAlertRules() });

/** Every alert rule, in plain words in both languages, with whether the reader may change it (they are visible to all). */
export const useAlertRules = () => useQuery(alertRulesQueryOptions());
