import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Session } from '../../../../contract/auth.ts';
import { api, ApiError, setCsrfToken } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** The signed-in session, or null when nobody is signed in (401). */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/session', { allowUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.session, queryFn: getSession, staleTime: Infinity, retry: 1 });

export const useSession = () => useQuery(sessionQueryOptions());

/** The signed-in user; only call below the route guard. */
export function useCurrentUser() {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside a signed-in route');
  return data.user;
}
