import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { updateAgencyBody, agencySchema } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const updateAgency = ({ id, body }: { id: string; body: z.output<typeof updateAgencyBody> }) => api.patch<z.infer<typeof agencySchema>>(`/org/agencies/${id}`, body);

export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAgency,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.org }),
  });
}
