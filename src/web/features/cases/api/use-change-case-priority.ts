import type { z } from 'zod';
import type { Case, changeCasePriorityBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export type ChangeCasePriorityInput = { id: string; body: z.output<typeof changeCasePriorityBody> };

/** A new priority, with a reason; the deadlines are recomputed (422 case.priority_unchanged). */
export const changeCasePriority = ({ id, body }: ChangeCasePriorityInput) => api.post<Case>(`/cases/${id}/priority`, body);

export const useChangeCasePriority = () => useCaseMutation(changeCasePriority);
