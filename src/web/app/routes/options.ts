// Select options pages build from one feature's data and hand to another.
import { useMemo } from 'react';
import type { Organisation } from '../../../contract/org.ts';
import type { DirectoryEntry } from '../../features/users/api/get-directory.ts';

export function useAgencyOptions(org: Organisation | undefined) {
  return useMemo(() => (org?.agencies ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.city})` })), [org]);
}

/** Owners are the people in a sales pool (the portfolio holders), active ones first. */
export function useOwnerOptions(entries: DirectoryEntry[] | undefined) {
  return useMemo(
    () =>
      (entries ?? [])
        .filter((e) => e.active && (e.poolKinds.includes('sales') || e.poolKinds.length === 0))
        .map((e) => ({ value: e.id, label: e.absent ? `${e.name} (absent)` : e.name })),
    [entries],
  );
}
