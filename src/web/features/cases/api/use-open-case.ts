import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Case, openCaseBody } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { afterCaseChange } from './invalidate-case.ts';

export type OpenCaseInput = z.output<typeof openCaseBody>;

/** Opens a case on an account: routed to a back-office pool, assigned by load, with its SLA deadlines (201). */
export const openCase = (body: OpenCaseInput) => api.post<Case>('/cases', body);

export function useOpenCase() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: openCase, onSuccess: (opened) => afterCaseChange(queryClient, opened) });
}
