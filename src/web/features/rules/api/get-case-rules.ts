import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaseRules } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type { CaseRules };

export const getCaseRules = () => api.get<CaseRules>('/case-rules');

export const caseRulesQueryOptions = () => queryOptions({ queryKey: queryKeys.rules.cases, queryFn: () => getCaseRules() });

/** How cases reach a back-office pool and their SLA deadlines: the rules in force, their texts and every version (readable by everyone). */
export const useCaseRules = () => useQuery(caseRulesQueryOptions());
