import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { directoryEntrySchema } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const getDirectory = (q: string) =>
  api.get<{ items: DirectoryEntry[]; nextCursor: string | null }>('/directory', { query: { q, limit: 200 } });

export const directoryQueryOptions = (q: string) =>
  queryOptions({ queryKey: queryKeys.directory(q), queryFn: () => getDirectory(q), staleTime: 5 * 60_000 });

/** Who is who: used to pick owners and backups. */
export const useDirectory = (q = '') => useQuery(directoryQueryOptions(q));
