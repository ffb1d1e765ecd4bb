import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { SessionUser } from '../../../contract/auth.ts';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageLoader } from '../../components/page-loader.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { paths } from '../../lib/paths.ts';
import { ForbiddenPage } from '../routes/forbidden.tsx';

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorBlock error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`${paths.signIn}${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}

export function RequireAbility({ ability, children }: { ability: keyof SessionUser['abilities']; children: ReactNode }) {
  const session = useSession();
  if (!session.data?.user.abilities[ability]) return <ForbiddenPage />;
  return <>{children}</>;
}
