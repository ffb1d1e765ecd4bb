import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createApiTokenBody, createdApiTokenSchema } from '../../../../contract/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const createToken = (body: z.output<typeof createApiTokenBody>) => api.post<CreatedApiToken>('/tokens', body);

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}
