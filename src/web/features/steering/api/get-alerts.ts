import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Alert, alertListQuery } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type AlertListStatus = z.output<typeof alertListQuery>['status'];
export const ALERT_LIST_STATUSES: readonly AlertListStatus[] = ['active', 'open', 'acknowledged', 'resolved', 'all'];
/** mine: the alerts I am told of; units: every alert on the units and people I lead (an admin: all). */
export type AlertListScope = z.output<typeof alertListQuery>['scope'];
export const ALERT_LIST_SCOPES: readonly AlertListScope[] = ['mine', 'units'];

export const getAlerts = (status: AlertListStatus, scope: AlertListScope) => api.get<{ items: Alert[] }>('/alerts', { query: { status, scope } });

export const alertsQueryOptions = (status: AlertListStatus, scope: AlertListScope) =>
  queryOptions({ queryKey: queryKeys.steering.alertList(status, scope), queryFn: () => getAlerts(status, scope) });

/**
 * An alert inbox, newest first: the active ones (open or acknowledged) by default, those I am told of unless asked
 * for my units'. Refreshed every minute, and at once when an 'alert.fired' notification arrives.
 */
export const useAlerts = (status: AlertListStatus, scope: AlertListScope = 'mine') => useQuery({ ...alertsQueryOptions(status, scope), refetchInterval: 60_000 });
