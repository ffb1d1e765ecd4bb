import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { setObjectiveBody } from '../../../../contract/steering.ts';
import { api, ApiError } from '../../../lib/api-client.ts';
import { objectivesQueryOptions, type ObjectiveList, type ObjectiveListQuery } from './get-objectives.ts';

export type SetObjectiveInput = { body: z.output<typeof setObjectiveBody>; list: ObjectiveListQuery };

export const setObjective = ({ body }: SetObjectiveInput) => api.put<ObjectiveList>('/objectives', body);

/**
 * `PUT /api/objectives`: sets (or, with the version read, changes) one target. 403 for one's own unit or a unit not
 * below, 409 objective.version_conflict when someone changed it first, 400 on the target. The answer is the list
 * the form was opened on, put in its place; the other lists and the dashboards (their cards show the objective) are
 * refetched.
 */
export function useSetObjective() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setObjective,
    onSuccess: (list, { list: query }) => {
      const key = objectivesQueryOptions(query).queryKey;
      queryClient.setQueryData(key, list);
      void queryClient.invalidateQueries({ queryKey: ['steering', 'objectives'], predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(key) });
      void queryClient.invalidateQueries({ queryKey: ['steering', 'dashboard'] });
    },
    onError: (error, { list: query }) => {
      // Someone changed it first: the list is reloaded so the next try carries the new version.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: objectivesQueryOptions(query).queryKey });
    },
  });
}

