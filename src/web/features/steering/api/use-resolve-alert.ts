import type { z } from 'zod';
import type { Alert, resolveAlertBody } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { useAlertMutation } from './use-alert-mutation.ts';

export type ResolveAlertInput = { id: string; body: z.input<typeof resolveAlertBody> };

/** Resolves an alert with what was done (required) and the version read: 409 alert.version_conflict, 422 alert.already_resolved. */
export const resolveAlert = ({ id, body }: ResolveAlertInput) => api.post<Alert>(`/alerts/${id}/resolve`, body);

export const useResolveAlert = () => useAlertMutation(resolveAlert);
