import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreditSimulation, simulateCreditBody } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';

export type SimulateCreditInput = z.output<typeof simulateCreditBody>;

/** "Who would be credited if this sale were won now": a read with the live rules, posted. */
export const simulateCredit = (body: SimulateCreditInput) => api.post<CreditSimulation>('/credits/simulate', body);

export const useSimulateCredit = () => useMutation({ mutationFn: simulateCredit });
