import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { updateRegionBody, regionSchema } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const updateRegion = ({ id, body }: { id: string; body: z.output<typeof updateRegionBody> }) => api.patch<z.infer<typeof regionSchema>>(`/org/regions/${id}`, body);

export function useUpdateRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateRegion,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.org }),
  });
}
