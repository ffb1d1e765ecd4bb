import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { simulateRoutingBody, simulationSchema } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';

export type Simulation = z.infer<typeof simulationSchema>;
export type SimulateInput = z.output<typeof simulateRoutingBody>;

/** "Who would get a lead on this account now (or then), and why": a read, posted. */
export const simulateRouting = (body: SimulateInput) => api.post<Simulation>('/leads/simulate', body);

export const useSimulateRouting = () => useMutation({ mutationFn: simulateRouting });
