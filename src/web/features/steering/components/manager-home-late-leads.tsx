import { Anchor, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lead } from '../../../../contract/leads.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { formatDuration } from '../format-figure.ts';
import { ManagerHomeSection, ManagerHomeList } from './manager-home-section.tsx';

const SHOWN = 8;

interface ManagerHomeLateLeadsProps {
  /** The units' late leads, the latest first; undefined while loading. */
  leads: Lead[] | undefined;
  /** The units hold more open leads than the first page read: the count is a floor. */
  more: boolean;
  error: unknown;
  onRetry: () => void;
  now: number;
}

/** "en retard de 2 j" from the qualification deadline (a lead the sweep marked late just before it shows as late). */
function LateBy({ lead, now }: { lead: Lead; now: number }) {
  const { t, i18n } = useTranslation();
  const minutes = (now - new Date(lead.dueAt).getTime()) / 60_000;
  return (
    <Tooltip label={t('steering.myUnit.leads.dueAt', { at: formatDateTime(lead.dueAt, i18n.language) })} withArrow>
      <Text size="sm" fw={600} c="red.7" style={{ whiteSpace: 'nowrap' }} data-testid="my-unit-late-lead-late">
        {minutes >= 1 ? t('steering.myUnit.lateBy', { span: formatDuration(minutes, i18n.language) }) : t('steering.myUnit.late')}
      </Text>
    </Tooltip>
  );
}

/** The leads my units have not qualified in time: whose they are, for which account and product, how late. */
export function ManagerHomeLateLeads({ leads, more, error, onRetry, now }: ManagerHomeLateLeadsProps) {
  const { t } = useTranslation();
  const hidden = (leads?.length ?? 0) - SHOWN;

  return (
    <ManagerHomeSection
      id="my-unit-late-leads"
      icon={<IconClockExclamation size={20} />}
      title={t('steering.myUnit.leads.title')}
      help={t('steering.myUnit.leads.help')}
      count={error ? undefined : leads?.length}
      more={more}
      link={{ to: paths.unitLeads, label: t('steering.myUnit.leads.all'), testId: 'my-unit-late-leads-all' }}
    >
      <ManagerHomeList
        error={error}
        onRetry={onRetry}
        items={leads}
        empty={{ title: t('steering.myUnit.leads.empty'), help: t('steering.myUnit.leads.emptyHelp'), testId: 'my-unit-late-leads-empty' }}
      >
        {(leads) => (
          <div data-testid="my-unit-late-leads">
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('steering.myUnit.columns.account')}</Table.Th>
                    <Table.Th scope="col">{t('steering.myUnit.columns.product')}</Table.Th>
                    <Table.Th scope="col">{t('steering.myUnit.columns.assignee')}</Table.Th>
                    <Table.Th scope="col">{t('steering.myUnit.columns.late')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {leads.slice(0, SHOWN).map((lead) => (
                    <Table.Tr key={lead.id} data-testid="my-unit-late-lead" data-lead-id={lead.id}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.lead(lead.id)} size="sm" fw={600}>
                          {lead.accountName}
                        </Anchor>
                        <Text size="xs" c="dimmed">{lead.agencyName}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{lead.productName}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={lead.assigneeName ? undefined : 'orange.7'} fw={lead.assigneeName ? undefined : 600}>
                          {lead.assigneeName ?? t('steering.myUnit.unassigned')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <LateBy lead={lead} now={now} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {hidden > 0 && (
              <Group pt="xs">
                <Anchor component={Link} to={paths.unitLeads} size="sm">
                  {t('steering.myUnit.leads.more', { count: hidden })}
                </Anchor>
              </Group>
            )}
          </div>
        )}
      </ManagerHomeList>
    </ManagerHomeSection>
  );
}
