import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Alert } from '../../../../contract/steering.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { alertFigures } from '../alert-words.ts';
import { formatDayRange, inLanguage } from '../format-figure.ts';
import { steeringHref } from '../steering-params.ts';
import { AlertClearedBadge, AlertStatusBadge } from './alert-badges.tsx';

/** Where an alert's target opens: its dashboard (the person's or the unit's), over the month. */
export const alertTargetHref = (a: Pick<Alert, 'target'>) => steeringHref(a.target, { period: 'month' });

/**
 * The inbox as a table: each alert in plain words (opening its page), whom or what it is about (opening that
 * dashboard), the rule that fired it, the figure against its threshold, when it fired, where it stands.
 */
export function AlertsTable({ items }: { items: Alert[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover fz="sm" data-testid="alerts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('steering.alerts.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('steering.alerts.columns.alert')}</Table.Th>
            <Table.Th scope="col">{t('steering.alerts.columns.target')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('steering.alerts.columns.value')}</Table.Th>
            <Table.Th scope="col">{t('steering.alerts.columns.firedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => {
            const figures = alertFigures(t, lang, a);
            return (
              <Table.Tr key={a.id} data-testid="alert-row" data-alert-id={a.id} data-status={a.status} data-target-id={a.target.id ?? ''}>
                <Table.Td style={{ verticalAlign: 'top', minWidth: 150 }}>
                  <Stack gap={4} align="flex-start">
                    <AlertStatusBadge status={a.status} />
                    <AlertClearedBadge clearedAt={a.clearedAt} size="xs" />
                  </Stack>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Anchor component={Link} to={paths.steeringAlert(a.id)} size="sm" fw={600} data-testid="alert-row-link">
                    {inLanguage(a.text, lang)}
                  </Anchor>
                  <Text size="xs" c="dimmed" mt={2} data-testid="alert-row-rule">
                    {t('steering.alerts.rule', { name: a.rule.name })}
                  </Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Anchor component={Link} to={alertTargetHref(a)} size="sm" data-testid="alert-row-target">
                    {a.target.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">{t(`steering.unitType.${a.target.type}`)}</Text>
                </Table.Td>
                <Table.Td ta="right" style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={600} data-testid="alert-row-value">{figures.value}</Text>
                  <Text size="xs" c="dimmed">{figures.threshold}</Text>
                  <Text size="xs" c="dimmed">{formatDayRange(a.period.from, a.period.to, lang)}</Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatDateTime(a.firedAt, lang)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
