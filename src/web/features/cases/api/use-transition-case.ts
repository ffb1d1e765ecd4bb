import type { z } from 'zod';
import type { Case, transitionCaseBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export type TransitionCaseInput = { id: string; body: z.output<typeof transitionCaseBody> };

/** 422 case.transition_not_allowed / case.reopen_window_passed, 400 case.summary_required (resolve), 409 case.version_conflict. */
export const transitionCase = ({ id, body }: TransitionCaseInput) => api.post<Case>(`/cases/${id}/transition`, body);

export const useTransitionCase = () => useCaseMutation(transitionCase);
