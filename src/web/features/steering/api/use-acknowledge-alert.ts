import type { z } from 'zod';
import type { acknowledgeAlertBody, Alert } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { useAlertMutation } from './use-alert-mutation.ts';

export type AcknowledgeAlertInput = { id: string; body: z.input<typeof acknowledgeAlertBody> };

/** Acknowledges an open alert with the version read, optionally saying why: 409 alert.version_conflict, 422 alert.not_open. */
export const acknowledgeAlert = ({ id, body }: AcknowledgeAlertInput) => api.post<Alert>(`/alerts/${id}/acknowledge`, body);

export const useAcknowledgeAlert = () => useAlertMutation(acknowledgeAlert);
