import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { objectiveListQuery, objectiveListSchema } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type ObjectiveListQuery = z.input<typeof objectiveListQuery>;
export type ObjectiveList = z.output<typeof objectiveListSchema>;

const params = (query: ObjectiveListQuery) => ({ type: query.type, id: query.id, period: query.period, at: query.at });

export const getObjectives = (query: ObjectiveListQuery) => api.get<ObjectiveList>('/objectives', { query: params(query) });

export const objectivesQueryOptions = (query: ObjectiveListQuery) =>
  queryOptions({ queryKey: queryKeys.steering.objectives(params(query)), queryFn: () => getObjectives(query) });

/** The objectives of a unit and of the level below it for a month, quarter or year, and whose the reader may set. */
export const useObjectives = (query: ObjectiveListQuery, enabled = true) => useQuery({ ...objectivesQueryOptions(query), enabled });
