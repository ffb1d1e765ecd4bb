// What the periodic sweeps tell people, gathered so that a pile-up reads as one notice, not hundreds.
import type { NotificationInput } from './commands.ts';

/**
 * One notice per person and kind. A sweep usually moves one lead or case at a time for a person, and each keeps
 * its own notices; but clocks started together reach their warning points together (a weekend's leads and cases
 * all start at Monday 9:00), and each member of a pool of twenty would get hundreds at once. Notices of one kind
 * for one person about several subjects (`subjectOf`: the lead, the case) become `summary(first, subjects)`: one
 * that counts the subjects and names the first. Notices about a single subject stay as they are (a case whose
 * two clocks are breached at once keeps both). Order is kept: each group stands where its first notice was.
 */
export function gatherNotices(
  notices: NotificationInput[],
  subjectOf: (n: NotificationInput) => string | null | undefined,
  summary: (first: NotificationInput, subjects: number) => NotificationInput,
): NotificationInput[] {
  const groups = new Map<string, NotificationInput[]>();
  for (const n of notices) {
    const key = `${n.userId} ${n.kind}`;
    const group = groups.get(key);
    if (group) group.push(n);
    else groups.set(key, [n]);
  }
  return [...groups.values()].flatMap((group) => {
    const subjects = new Set(group.map(subjectOf)).size;
    return subjects === 1 ? group : [summary(group[0]!, subjects)];
  });
}
