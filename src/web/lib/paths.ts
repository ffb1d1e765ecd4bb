// Every in-app URL in one place.
export const paths = {
  signIn: '/sign-in',
  search: '/',
  accounts: '/accounts',
  newAccount: '/accounts/new',
  account: (id: string) => `/accounts/${id}`,
  admin: '/admin',
  adminOrganisation: '/admin/organisation',
  adminUsers: '/admin/users',
  trace: '/trace',
  tokens: '/settings/tokens',
};
