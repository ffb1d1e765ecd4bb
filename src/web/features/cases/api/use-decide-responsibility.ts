import type { z } from 'zod';
import type { Case, decideResponsibilityBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { useCaseMutation } from './use-case-mutation.ts';

/** `id` is the case's (for the refresh), `disputeId` the contest ruled on. */
export type DecideResponsibilityInput = { id: string; disputeId: string; body: z.output<typeof decideResponsibilityBody> };

/** The arbiter's ruling: upheld, or moved to another unit; written, for both sides to read. */
export const decideResponsibility = ({ disputeId, body }: DecideResponsibilityInput) => api.post<Case>(`/case-responsibility-disputes/${disputeId}/decide`, body);

export const useDecideResponsibility = () => useCaseMutation(decideResponsibility);
