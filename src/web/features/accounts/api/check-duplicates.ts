import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DuplicateCandidate, duplicateCheckBody } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';

export type DuplicateCheckInput = z.input<typeof duplicateCheckBody>;

export const checkDuplicates = (body: DuplicateCheckInput) =>
  api.post<{ items: DuplicateCandidate[] }>('/accounts/duplicates', body);

/** Live duplicate check while the user types (debounced); only runs once there is something to compare. */
export function useDuplicateCheck(input: DuplicateCheckInput, enabled = true) {
  const body = useDebounced(input, 400);
  const meaningful = (body.name ?? '').trim().length >= 3 || !!body.siren || !!body.siret || (body.phones?.length ?? 0) > 0 || (body.emails?.length ?? 0) > 0;
  return useQuery({
    queryKey: ['accounts', 'duplicates', body],
    queryFn: () => checkDuplicates(body),
    enabled: enabled && meaningful,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
