import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Alert, alertListQuery } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type AlertListStatus = z.output<typeof alertListQuery>['status'];
export const ALERT_LIST_STATUSES: readonly AlertListStatus[] = ['active', 'open', 'acknowledged', 'resolved', 'all'];

export const getAlerts = (status: AlertListStatus) => api.get<{ items: Alert[] }>('/alerts', { query: { status } });

export const alertsQueryOptions = (status: AlertListStatus) =>
  queryOptions({ queryKey: queryKeys.steering.alertList(status), queryFn: () => getAlerts(status) });

/**
 * My alert inbox (an admin's: every alert), newest first: the active ones (open or acknowledged) by default. Refreshed
 * every minute, and at once when an 'alert.fired' notification arrives.
 */
export const useAlerts = (status: AlertListStatus) => useQuery({ ...alertsQueryOptions(status), refetchInterval: 60_000 });
