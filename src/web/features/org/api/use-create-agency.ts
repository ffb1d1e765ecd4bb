import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createAgencyBody, agencySchema } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const createAgency = (body: z.output<typeof createAgencyBody>) => api.post<z.infer<typeof agencySchema>>('/org/agencies', body);

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAgency,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.org }),
  });
}
