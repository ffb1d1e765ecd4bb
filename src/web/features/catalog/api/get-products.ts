import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Product } from '../../../../contract/catalog.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getProducts = (includeInactive: boolean) =>
  api.get<{ items: Product[] }>('/products', { query: { includeInactive: includeInactive || undefined } });

export const productsQueryOptions = (includeInactive = false) =>
  queryOptions({ queryKey: queryKeys.products(includeInactive), queryFn: () => getProducts(includeInactive), staleTime: 5 * 60_000 });

/** The catalog: active products (what can be relayed), or all of them for the admin. */
export const useProducts = (includeInactive = false) => useQuery(productsQueryOptions(includeInactive));
