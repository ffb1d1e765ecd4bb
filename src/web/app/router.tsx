import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoader } from '../components/page-loader.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { RequireAbility, RequireSession } from './layout/guards.tsx';
import { AccountPage } from './routes/account.tsx';
import { AccountsPage } from './routes/accounts.tsx';
import { AdminPage } from './routes/admin.tsx';
import { CasePage } from './routes/case.tsx';
import { CasesPage } from './routes/cases.tsx';
import { HomePage } from './routes/home.tsx';
import { LeadPage } from './routes/lead.tsx';
import { MyDayPage } from './routes/my-day.tsx';
import { MyRelaysPage } from './routes/my-relays.tsx';
import { NewAccountPage } from './routes/new-account.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { RulesPage } from './routes/rules.tsx';
import { DealsPage } from './routes/deals.tsx';
import { DealPage } from './routes/deal.tsx';
import { CreditsPage } from './routes/credits.tsx';
import { DisputesPage } from './routes/disputes.tsx';
import { DisputePage } from './routes/dispute.tsx';
import { SimulateCreditPage } from './routes/simulate-credit.tsx';
import { SearchPage } from './routes/search.tsx';
import { ConsolePage } from './routes/console.tsx';
import { SignInPage } from './routes/sign-in.tsx';
import { TokensPage } from './routes/tokens.tsx';
import { TracePage } from './routes/trace.tsx';
import { UnitLeadsPage } from './routes/unit-leads.tsx';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'console', element: <ConsolePage /> },
      { path: 'my-day', element: <MyDayPage /> },
      { path: 'my-relays', element: <MyRelaysPage /> },
      // The manager's home shows indicator cards (recharts): loaded with the page, like "Pilotage".
      { path: 'my-unit', HydrateFallback: PageLoader, lazy: async () => ({ Component: (await import('./routes/my-unit.tsx')).MyUnitPage }) },
      { path: 'unit-leads', element: <UnitLeadsPage /> },
      { path: 'leads/:id', element: <LeadPage /> },
      { path: 'cases', element: <CasesPage /> },
      { path: 'cases/:id', element: <CasePage /> },
      { path: 'rules', element: <RulesPage /> },
      { path: 'rules/simulate-credit', element: <SimulateCreditPage /> },
      { path: 'deals', element: <DealsPage /> },
      { path: 'deals/:id', element: <DealPage /> },
      { path: 'credits', element: <CreditsPage /> },
      { path: 'disputes', element: <DisputesPage /> },
      { path: 'disputes/:id', element: <DisputePage /> },
      // The charts (recharts) load with the page, not with the app.
      { path: 'steering', HydrateFallback: PageLoader, lazy: async () => ({ Component: (await import('./routes/steering.tsx')).SteeringPage }) },
      { path: 'steering/alerts', HydrateFallback: PageLoader, lazy: async () => ({ Component: (await import('./routes/steering-alerts.tsx')).SteeringAlertsPage }) },
      { path: 'steering/alerts/:id', HydrateFallback: PageLoader, lazy: async () => ({ Component: (await import('./routes/steering-alert.tsx')).SteeringAlertPage }) },
      { path: 'steering/alert-rules', HydrateFallback: PageLoader, lazy: async () => ({ Component: (await import('./routes/steering-alert-rules.tsx')).SteeringAlertRulesPage }) },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/new', element: <NewAccountPage /> },
      { path: 'accounts/:id', element: <AccountPage /> },
      { path: 'admin', element: <Navigate to="/admin/organisation" replace /> },
      { path: 'admin/:tab', element: <RequireAbility ability="manageOrganisation"><AdminPage /></RequireAbility> },
      { path: 'trace', element: <RequireAbility ability="exploreTrace"><TracePage /></RequireAbility> },
      { path: 'settings/tokens', element: <TokensPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
