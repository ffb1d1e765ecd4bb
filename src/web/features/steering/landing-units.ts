// Which unit a reader's figures open on when nothing names one: shared by "Pilotage" and the manager's home.
import type { SessionUser } from '../../../contract/auth.ts';
import type { UnitParams } from './steering-params.ts';

/**
 * The nation for directors and admins, the home agency for managers (and directors of a region, whom the nation
 * refuses), else the reader's own figures. The server decides what each may see; the landing takes the first it
 * allows (see hooks/use-landing-dashboard.ts).
 */
export function landingUnits(user: Pick<SessionUser, 'id' | 'roles' | 'homeAgencyId'>): UnitParams[] {
  const me: UnitParams = { type: 'person', id: user.id };
  const home: UnitParams[] = user.homeAgencyId ? [{ type: 'agency', id: user.homeAgencyId }] : [];
  if (user.roles.includes('admin') || user.roles.includes('director')) return [{ type: 'nation' }, ...home, me];
  if (user.roles.includes('manager')) return [...home, me];
  return [me];
}
