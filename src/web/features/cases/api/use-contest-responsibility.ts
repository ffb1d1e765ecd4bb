import type { z } from 'zod';
import type { Case, contestResponsibilityBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export type ContestResponsibilityInput = { id: string; body: z.output<typeof contestResponsibilityBody> };

/** A manager of the unit held responsible contests it; an arbiter is named. */
export const contestResponsibility = ({ id, body }: ContestResponsibilityInput) => api.post<Case>(`/cases/${id}/responsibility/contest`, body);

export const useContestResponsibility = () => useCaseMutation(contestResponsibility);
