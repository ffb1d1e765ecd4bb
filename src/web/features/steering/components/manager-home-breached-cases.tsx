import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconFolderExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseListItem } from '../../../../contract/cases.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { formatDuration } from '../format-figure.ts';
import { ManagerHomeSection, ManagerHomeList } from './manager-home-section.tsx';

const SHOWN = 8;
/** The units' queue, as a manager opens it. */
export const UNIT_CASES_HREF = `${paths.cases}?view=unit`;

export interface Overdue {
  /** The deadline missed: the first response (nobody has answered yet) or the resolution. */
  clock: 'firstResponse' | 'resolution';
  dueAt: string;
  /** Wall-clock minutes since it passed. */
  minutes: number;
}

/** The deadline a case missed the longest ago: the resolution, or the first response while nobody has answered. */
export function overdueOf(c: Pick<CaseListItem, 'sla'>, now: number): Overdue | null {
  const missed: Overdue[] = [];
  const { firstRespondedAt, firstResponseDueAt, resolutionDueAt } = c.sla;
  if (firstRespondedAt === null && firstResponseDueAt && Date.parse(firstResponseDueAt) < now) {
    missed.push({ clock: 'firstResponse', dueAt: firstResponseDueAt, minutes: (now - Date.parse(firstResponseDueAt)) / 60_000 });
  }
  if (resolutionDueAt && Date.parse(resolutionDueAt) < now) {
    missed.push({ clock: 'resolution', dueAt: resolutionDueAt, minutes: (now - Date.parse(resolutionDueAt)) / 60_000 });
  }
  return missed.sort((a, b) => b.minutes - a.minutes)[0] ?? null;
}

interface ManagerHomeBreachedCasesProps {
  /** The units' cases past a deadline, the latest first; undefined while loading. */
  cases: CaseListItem[] | undefined;
  error: unknown;
  onRetry: () => void;
  now: number;
}

function PastDeadline({ c, now }: { c: CaseListItem; now: number }) {
  const { t, i18n } = useTranslation();
  const overdue = overdueOf(c, now);
  if (!overdue) return <Text size="sm" fw={600} c="red.7">{t('steering.myUnit.late')}</Text>;
  return (
    <Tooltip label={t('steering.myUnit.cases.dueAt', { at: formatDateTime(overdue.dueAt, i18n.language) })} withArrow>
      <div>
        <Text size="sm" fw={600} c="red.7" style={{ whiteSpace: 'nowrap' }} data-testid="my-unit-breached-case-late">
          {overdue.minutes >= 1 ? t('steering.myUnit.lateBy', { span: formatDuration(overdue.minutes, i18n.language) }) : t('steering.myUnit.late')}
        </Text>
        <Text size="xs" c="dimmed">{t(`steering.myUnit.cases.clock.${overdue.clock}`)}</Text>
      </div>
    </Tooltip>
  );
}

/** The cases my units let slip past their deadline: which, for whom, in which pool, with whom, how late. */
export function ManagerHomeBreachedCases({ cases, error, onRetry, now }: ManagerHomeBreachedCasesProps) {
  const { t } = useTranslation();
  const hidden = (cases?.length ?? 0) - SHOWN;

  return (
    <ManagerHomeSection
      id="my-unit-breached-cases"
      icon={<IconFolderExclamation size={20} />}
      title={t('steering.myUnit.cases.title')}
      help={t('steering.myUnit.cases.help')}
      count={error ? undefined : cases?.length}
      link={{ to: UNIT_CASES_HREF, label: t('steering.myUnit.cases.all'), testId: 'my-unit-breached-cases-all' }}
    >
      <ManagerHomeList
        error={error}
        onRetry={onRetry}
        items={cases}
        empty={{ title: t('steering.myUnit.cases.empty'), help: t('steering.myUnit.cases.emptyHelp'), testId: 'my-unit-breached-cases-empty' }}
      >
        {(cases) => (
          <div data-testid="my-unit-breached-cases">
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('steering.myUnit.columns.reference')}</Table.Th>
                    <Table.Th scope="col">{t('steering.myUnit.columns.account')}</Table.Th>
                    <Table.Th scope="col">{t('steering.myUnit.columns.pool')}</Table.Th>
                    <Table.Th scope="col">{t('steering.myUnit.columns.assignee')}</Table.Th>
                    <Table.Th scope="col">{t('steering.myUnit.columns.pastDeadline')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cases.slice(0, SHOWN).map((c) => (
                    <Table.Tr key={c.id} data-testid="my-unit-breached-case" data-case-id={c.id}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.case(c.id)} size="sm" fw={600} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                          {c.reference}
                        </Anchor>
                        {c.sla.paused && (
                          <Badge size="xs" variant="light" color="yellow" ml={6}>
                            {t('steering.myUnit.cases.paused')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.account.name}</Text>
                        <Text size="xs" c="dimmed" lineClamp={1}>{c.subject}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.pool.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={c.assignee ? undefined : 'orange.7'} fw={c.assignee ? undefined : 600}>
                          {c.assignee?.name ?? t('steering.myUnit.unassigned')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <PastDeadline c={c} now={now} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {hidden > 0 && (
              <Group pt="xs">
                <Anchor component={Link} to={UNIT_CASES_HREF} size="sm">
                  {t('steering.myUnit.cases.more', { count: hidden })}
                </Anchor>
              </Group>
            )}
          </div>
        )}
      </ManagerHomeList>
    </ManagerHomeSection>
  );
}
