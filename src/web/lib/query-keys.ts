// Query keys shared across features, so a mutation in one place can refresh what it changed elsewhere.
export const queryKeys = {
  session: ['session'] as const,
  tokens: ['tokens'] as const,
  search: (q: string) => ['search', q] as const,
  accounts: {
    all: ['accounts'] as const,
    list: (filters: Record<string, unknown>) => ['accounts', 'list', filters] as const,
    detail: (id: string) => ['accounts', 'detail', id] as const,
  },
  contacts: (accountId: string) => ['contacts', accountId] as const,
  timeline: (accountId: string, channels?: string[]) =>
    channels ? (['timeline', accountId, channels] as const) : (['timeline', accountId] as const),
  trace: {
    stream: (stream: string) => ['trace', 'stream', stream] as const,
    report: ['trace', 'report'] as const,
  },
  org: ['org'] as const,
  users: {
    all: ['users'] as const,
    detail: (id: string) => ['users', 'detail', id] as const,
  },
  directory: (q: string) => ['directory', q] as const,
  leads: {
    all: ['leads'] as const,
    list: (filters: Record<string, unknown>) => ['leads', 'list', filters] as const,
    detail: (id: string) => ['leads', 'detail', id] as const,
  },
  products: (includeInactive: boolean) => ['products', includeInactive] as const,
  rules: { routing: ['rules', 'routing'] as const, sales: ['rules', 'sales'] as const, cases: ['rules', 'cases'] as const },
  deals: {
    all: ['deals'] as const,
    list: (filters: Record<string, unknown>) => ['deals', 'list', filters] as const,
    detail: (id: string) => ['deals', 'detail', id] as const,
    credits: (id: string) => ['deals', 'credits', id] as const,
    history: (id: string) => ['deals', 'history', id] as const,
    figures: (filters: Record<string, unknown>) => ['deals', 'figures', filters] as const,
  },
  credits: {
    all: ['credits'] as const,
    mine: (filters: Record<string, unknown>) => ['credits', 'mine', filters] as const,
  },
  disputes: {
    all: ['disputes'] as const,
    list: (filters: Record<string, unknown>) => ['disputes', 'list', filters] as const,
    detail: (id: string) => ['disputes', 'detail', id] as const,
  },
  cases: {
    all: ['cases'] as const,
    list: (filters: Record<string, unknown>) => ['cases', 'list', filters] as const,
    detail: (id: string) => ['cases', 'detail', id] as const,
    timeline: (id: string) => ['cases', 'timeline', id] as const,
    members: (id: string) => ['cases', 'members', id] as const,
    pools: (id: string) => ['cases', 'pools', id] as const,
    lookup: (q: string) => ['cases', 'lookup', q] as const,
  },
  notifications: ['notifications'] as const,
  steering: {
    all: ['steering'] as const,
    dashboard: (query: Record<string, unknown>) => ['steering', 'dashboard', query] as const,
    landing: (candidates: unknown[], period: Record<string, unknown>) => ['steering', 'landing', candidates, period] as const,
    indicators: ['steering', 'indicators'] as const,
    objectives: (query: Record<string, unknown>) => ['steering', 'objectives', query] as const,
    alerts: ['steering', 'alerts'] as const,
    alertList: (status: string, scope: string) => ['steering', 'alerts', 'list', status, scope] as const,
    alert: (id: string) => ['steering', 'alerts', 'detail', id] as const,
    alertRules: ['steering', 'alert-rules'] as const,
  },
};
