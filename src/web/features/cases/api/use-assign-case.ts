import type { z } from 'zod';
import type { assignCaseBody, Case } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export type AssignCaseInput = { id: string; body: z.output<typeof assignCaseBody> };

/** Gives the case to someone available in its pool (managers), or to yourself (take). */
export const assignCase = ({ id, body }: AssignCaseInput) => api.post<Case>(`/cases/${id}/assign`, body);

export const useAssignCase = () => useCaseMutation(assignCase);
