import type { z } from 'zod';
import type { Alert, commentAlertBody } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { useAlertMutation } from './use-alert-mutation.ts';

export type CommentAlertInput = { id: string; body: z.input<typeof commentAlertBody> };

/** Adds a comment to an alert's history (it does not change the alert, so no version is sent). */
export const commentAlert = ({ id, body }: CommentAlertInput) => api.post<Alert>(`/alerts/${id}/comments`, body);

export const useCommentAlert = () => useAlertMutation(commentAlert);
