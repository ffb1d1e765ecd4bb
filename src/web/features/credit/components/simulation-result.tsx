import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreditSimulation } from '../../../../contract/credit.ts';
import { formatDateTime, formatMoney } from '../../../lib/format.ts';
import { CreditRoleBadge } from './credit-badges.tsx';
import { formatPct, inLanguage } from './credit-format.ts';
import { RuleVersions } from './evidence-refs.tsx';

type Status = CreditSimulation['initiatives'][number]['status'];
const statusColor: Record<Status, string> = { initiator: 'grape', later: 'gray', outside_window: 'yellow', after_sale: 'orange', no_person: 'gray' };

/** Eligibility, who would be credited with what and why, and every initiative with the reason it counts or not. */
export function SimulationResult({ result, amountCents }: { result: CreditSimulation; amountCents: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="lg" data-testid="simulate-result" data-eligible={result.eligible}>
      <Alert
        color={result.eligible ? 'teal' : 'red'}
        variant="light"
        icon={result.eligible ? <IconCircleCheck size={20} /> : <IconCircleX size={20} />}
        title={result.eligible ? t('salesRules.sim.eligible') : t('salesRules.sim.notEligible')}
        data-testid="simulate-eligibility"
      >
        <Text size="sm">{inLanguage(result.eligibility, lang)}</Text>
      </Alert>

      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={4}>{t('salesRules.sim.creditedTitle')}</Title>
          <Text size="sm" c="dimmed">{t('salesRules.sim.onAmount', { amount: formatMoney(amountCents, lang) })}</Text>
        </Group>
        {result.entries.length === 0 ? (
          <Text size="sm" c="dimmed">{t('salesRules.sim.nobody')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="simulate-entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('credit.person')}</Table.Th>
                  <Table.Th>{t('credit.role')}</Table.Th>
                  <Table.Th ta="right">{t('credit.share')}</Table.Th>
                  <Table.Th ta="right">{t('credit.amount')}</Table.Th>
                  <Table.Th w="50%">{t('credit.why')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.entries.map((e) => (
                  <Table.Tr key={`${e.userId}-${e.role}`} data-testid="simulate-entry" data-role={e.role} data-user-id={e.userId} data-share={e.sharePct}>
                    <Table.Td><Text size="sm" fw={600}>{e.userName}</Text></Table.Td>
                    <Table.Td><CreditRoleBadge role={e.role} /></Table.Td>
                    <Table.Td ta="right"><Text size="sm" ff="monospace">{formatPct(e.sharePct, lang)}</Text></Table.Td>
                    <Table.Td ta="right"><Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>{formatMoney(e.amountCents, lang)}</Text></Table.Td>
                    <Table.Td><Text size="sm" lh={1.5} data-testid="credit-explanation">{inLanguage(e.explanation, lang)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Stack gap={4} mt="md">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>{t('credit.rulesApplied')}</Text>
          <RuleVersions versions={result.rules} />
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={4} mb={4}>{t('salesRules.sim.initiativesTitle')}</Title>
        <Text size="sm" c="dimmed" mb="sm">{t('salesRules.sim.initiativesHelp')}</Text>
        {result.initiatives.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="simulate-no-initiatives">{t('salesRules.sim.noInitiatives')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped data-testid="simulate-initiatives">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('salesRules.sim.recordedAt')}</Table.Th>
                  <Table.Th>{t('salesRules.sim.what')}</Table.Th>
                  <Table.Th>{t('credit.person')}</Table.Th>
                  <Table.Th>{t('salesRules.sim.source')}</Table.Th>
                  <Table.Th>{t('salesRules.sim.counts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.initiatives.map((i, index) => (
                  <Table.Tr key={`${i.kind}-${i.recordedAt}-${index}`} data-testid="simulate-initiative" data-status={i.status} data-source={i.source}>
                    <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.recordedAt, lang)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{t(`salesRules.sim.kind.${i.kind}`)}</Text></Table.Td>
                    <Table.Td><Text size="sm" fw={i.status === 'initiator' ? 700 : 500}>{i.personName ?? t('salesRules.sim.noPerson')}</Text></Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant={i.source === 'recorded' ? 'light' : 'outline'} color={i.source === 'recorded' ? 'blue' : 'gray'}>
                        {t(`salesRules.sim.sourceKind.${i.source}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Badge size="sm" color={statusColor[i.status]} variant={i.status === 'initiator' ? 'filled' : 'light'}>{t(`salesRules.sim.status.${i.status}`)}</Badge>
                        <Text size="xs" c="dimmed">{t(`salesRules.sim.statusWhy.${i.status}`)}</Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
