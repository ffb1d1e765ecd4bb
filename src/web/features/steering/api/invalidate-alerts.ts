import type { QueryClient } from '@tanstack/react-query';
import type { Alert } from '../../../../contract/steering.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/**
 * After a write on an alert: its page now (with its new version and history), then every inbox list and every
 * dashboard (the "Alertes" block of its target shows its status) refetched.
 */
export function afterAlertChange(queryClient: QueryClient, updated: Alert): void {
  queryClient.setQueryData(queryKeys.steering.alert(updated.id), updated);
  void queryClient.invalidateQueries({ queryKey: queryKeys.steering.alerts, predicate: (q) => !(q.queryKey[2] === 'detail' && q.queryKey[3] === updated.id) });
  void queryClient.invalidateQueries({ queryKey: ['steering', 'dashboard'] });
}

/** After a refusal that may mean our copy is stale (409 version conflict, 422 already acknowledged or resolved): reload it. */
export function reloadAlert(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.steering.alert(id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.steering.alerts });
  void queryClient.invalidateQueries({ queryKey: ['steering', 'dashboard'] });
}
