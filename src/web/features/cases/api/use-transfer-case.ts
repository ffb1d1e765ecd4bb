import type { z } from 'zod';
import type { Case, transferCaseBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { useCaseMutation } from './use-case-mutation.ts';

export type TransferCaseInput = { id: string; body: z.output<typeof transferCaseBody> };

/** Sends the case to another back-office pool: 400 case.transfer_reason_required, 422 case.transfer_same_pool. */
export const transferCase = ({ id, body }: TransferCaseInput) => api.post<Case>(`/cases/${id}/transfer`, body);

export const useTransferCase = () => useCaseMutation(transferCase);
