import { Navigate } from 'react-router';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { paths } from '../../lib/paths.ts';
import { hasMyDay, isManagerial } from '../layout/nav-abilities.ts';
import { SearchPage } from './search.tsx';

/** Sales reps and their assistants land on their day; managers and directors on their units; everyone else on search. */
export function HomePage() {
  const user = useCurrentUser();
  if (hasMyDay(user)) return <Navigate to={paths.myDay} replace />;
  if (isManagerial(user)) return <Navigate to={paths.myUnit} replace />;
  return <SearchPage />;
}
