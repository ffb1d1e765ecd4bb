import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CaseSimulation, simulateCaseBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';

export type { CaseSimulation };
export type SimulateCaseInput = z.output<typeof simulateCaseBody>;

/** "Which pool and who would get this case if it were opened now (or then), and when would it be due": a read, posted. */
export const simulateCase = (body: SimulateCaseInput) => api.post<CaseSimulation>('/case-rules/simulate', body);

export const useSimulateCase = () => useMutation({ mutationFn: simulateCase });
