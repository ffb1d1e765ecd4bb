import { queryOptions, useQuery } from '@tanstack/react-query';
import { INDICATORS, type IndicatorDefinition } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getIndicators = () => api.get<IndicatorDefinition[]>('/steering/indicators');

export const indicatorsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.steering.indicators, queryFn: () => getIndicators(), staleTime: Infinity });

/**
 * The indicator catalogue (names and plain-language definitions in both languages). The contract ships the same
 * list, so the page never waits for it: the server's copy replaces it once it arrives.
 */
export function useIndicators(): readonly IndicatorDefinition[] {
  const { data } = useQuery(indicatorsQueryOptions());
  return data && data.length ? data : INDICATORS;
}
