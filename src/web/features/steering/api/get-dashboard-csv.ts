import type { DashboardQuery } from '../../../../contract/steering.ts';
import { withQuery } from '../../../lib/api-client.ts';
import { dashboardQueryParams } from './get-dashboard.ts';

export type CsvTable = 'children' | 'trend';

/**
 * `GET /api/steering/dashboard.csv`: the same figures as the page, one table of it, as a semicolon-separated
 * file, its headings in the reader's language. A plain link downloads it with the session cookie, so there is no fetcher.
 */
export const dashboardCsvUrl = (query: DashboardQuery, table: CsvTable, lang: string) =>
  withQuery('/api/steering/dashboard.csv', { ...dashboardQueryParams(query), table, lang: lang.startsWith('en') ? 'en' : 'fr' });
