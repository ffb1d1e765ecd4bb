import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Session, signInBody } from '../../../../contract/auth.ts';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export async function signIn(body: z.output<typeof signInBody>): Promise<Session> {
  const session = await api.post<Session>('/session', body, { allowUnauthenticated: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      queryClient.setQueryData(queryKeys.session, session);
    },
  });
}
