import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { apiTokenSchema } from '../../../../contract/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type ApiToken = z.infer<typeof apiTokenSchema>;

export const getTokens = () => api.get<{ items: ApiToken[] }>('/tokens');

export const tokensQueryOptions = () => queryOptions({ queryKey: queryKeys.tokens, queryFn: getTokens });

export const useTokens = () => useQuery(tokensQueryOptions());
