import type { z } from 'zod';
import type { Case, setResponsibilityBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export type SetResponsibilityInput = { id: string; body: z.output<typeof setResponsibilityBody> };

/** Records the unit held responsible for the problem (an agency, a pool or a region), with a note. */
export const setResponsibility = ({ id, body }: SetResponsibilityInput) => api.post<Case>(`/cases/${id}/responsibility`, body);

export const useSetResponsibility = () => useCaseMutation(setResponsibility);
