import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createPoolBody, poolSchema } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const createPool = (body: z.output<typeof createPoolBody>) => api.post<z.infer<typeof poolSchema>>('/org/pools', body);

export function useCreatePool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPool,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.org }),
  });
}
