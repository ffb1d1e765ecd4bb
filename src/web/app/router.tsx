import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './layout/app-layout.tsx';
import { RequireAbility, RequireSession } from './layout/guards.tsx';
import { AccountPage } from './routes/account.tsx';
import { AccountsPage } from './routes/accounts.tsx';
import { AdminPage } from './routes/admin.tsx';
import { NewAccountPage } from './routes/new-account.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { SearchPage } from './routes/search.tsx';
import { SignInPage } from './routes/sign-in.tsx';
import { TokensPage } from './routes/tokens.tsx';
import { TracePage } from './routes/trace.tsx';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <SearchPage /> },
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
