import { Anchor, Badge, Button, Card, Divider, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCoins, IconGavel, IconHourglass } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DealCredits as DealCreditsData, DisputeSummary } from '../../../../contract/credit.ts';
import type { Deal } from '../../../../contract/deals.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';
import { useDealCredits } from '../api/get-deal-credits.ts';
import { useDisputes } from '../api/get-disputes.ts';
import { CreditRoleBadge, DisputeStatusBadge } from './credit-badges.tsx';
import { formatPct, inLanguage } from './credit-format.ts';
import { distinctEvidence, EvidenceList, RuleVersions } from './evidence-refs.tsx';
import { FileDisputeModal } from './file-dispute-modal.tsx';
import { NetShares } from './net-shares.tsx';

type Line = DealCreditsData['lines'][number];

/** A claimant's dispute stands until final (once decided it may still be appealed): the server refuses another on the line meanwhile. */
const STILL_OPEN: ReadonlyArray<DisputeSummary['status']> = ['open', 'decided', 'appealed'];

/** The credits recorded on a won deal, line by line: who, as what, how much, and why — and the way to contest. */
export function DealCredits({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const won = deal.stage === 'won';
  const credits = useDealCredits(deal.id, won);
  const managerial = user.roles.includes('manager') || user.roles.includes('director');
  const asParty = useDisputes({ role: 'party', dealId: deal.id }, won);
  const asUnit = useDisputes({ role: 'unit', dealId: deal.id }, won && managerial);
  const disputes = useMemo(() => {
    const byId = new Map<string, DisputeSummary>();
    for (const d of [...(asParty.data?.items ?? []), ...(asUnit.data?.items ?? [])]) byId.set(d.id, d);
    return [...byId.values()].sort((a, b) => b.filedAt.localeCompare(a.filedAt));
  }, [asParty.data, asUnit.data]);
  const [contesting, setContesting] = useState<Line | null>(null);

  return (
    <Card withBorder padding="lg" data-testid="deal-credits">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="xs">
          <IconCoins size={20} />
          <Title order={4}>{t('credit.dealTitle')}</Title>
        </Group>
        <Anchor component={Link} to={paths.rules} size="sm">{t('credit.howItWorks')}</Anchor>
      </Group>
      <Text size="sm" c="dimmed" mb="md">{t('credit.dealHelp')}</Text>

      {!won ? (
        <EmptyBlock icon={<IconHourglass />} title={t('credit.notWonTitle')} description={t('credit.notWonHelp')}>
          <Button component={Link} to={paths.simulateCredit} variant="light" size="xs" mt="sm">{t('credit.simulateLink')}</Button>
        </EmptyBlock>
      ) : credits.isPending ? (
        <Stack gap="sm"><Skeleton h={28} /><Skeleton h={160} /></Stack>
      ) : credits.isError ? (
        <ErrorBlock error={credits.error} onRetry={() => credits.refetch()} />
      ) : credits.data.lines.length === 0 ? (
        <EmptyBlock icon={<IconHourglass />} title={t('credit.noneYetTitle')} description={t('credit.noneYetHelp')} />
      ) : (
        <Stack gap="lg">
          {credits.data.lines.map((line) => (
            <CreditLine
              key={line.lineId}
              line={line}
              currency={deal.currency}
              meId={user.id}
              myOpenDispute={disputes.find((d) => d.lineId === line.lineId && d.claimant.id === user.id && STILL_OPEN.includes(d.status)) ?? null}
              onContest={() => setContesting(line)}
            />
          ))}
        </Stack>
      )}

      {won && disputes.length > 0 && (
        <>
          <Divider my="lg" />
          <DealDisputes disputes={disputes} />
        </>
      )}
      <FileDisputeModal dealId={deal.id} line={contesting} meId={user.id} onClose={() => setContesting(null)} />
    </Card>
  );
}

function CreditLine({ line, currency, meId, myOpenDispute, onContest }: { line: Line; currency: string; meId: string; myOpenDispute: DisputeSummary | null; onContest: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const contestable = line.net.some((n) => n.userId !== meId && n.sharePct > 0);
  const versions = (line.entries.find((e) => e.role !== 'adjustment') ?? line.entries[0])?.ruleVersions;
  const evidence = useMemo(() => distinctEvidence(line.entries), [line.entries]);
  return (
    <Card withBorder radius="md" padding="md" data-testid={`credit-line-${line.lineId}`}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Stack gap={0}>
          <Text fw={650}>{line.productName}</Text>
          <Text size="xs" c="dimmed">{t('credit.family', { family: line.family })} · {formatMoney(line.amountCents, lang, currency)}</Text>
        </Stack>
        {myOpenDispute ? (
          <Button component={Link} to={paths.dispute(myOpenDispute.id)} size="xs" variant="light" color="orange" leftSection={<IconGavel size={14} />} data-testid={`contest-open-${line.lineId}`}>
            {t('credit.disputeInProgress', { reference: myOpenDispute.reference })}
          </Button>
        ) : contestable ? (
          <Tooltip label={t('credit.contestHelp')} multiline w={280}>
            <Button size="xs" variant="default" leftSection={<IconGavel size={14} />} onClick={onContest} data-testid={`contest-button-${line.lineId}`}>
              {t('credit.contest')}
            </Button>
          </Tooltip>
        ) : null}
      </Group>

      <NetShares net={line.net} currency={currency} meId={meId} />

      <Table.ScrollContainer minWidth={720} mt="md">
        <Table verticalSpacing="xs" horizontalSpacing="sm" data-testid="credit-entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('credit.person')}</Table.Th>
              <Table.Th>{t('credit.role')}</Table.Th>
              <Table.Th ta="right">{t('credit.share')}</Table.Th>
              <Table.Th ta="right">{t('credit.amount')}</Table.Th>
              <Table.Th>{t('credit.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {line.entries.map((e) => (
              <Table.Tr key={e.id} data-testid={`credit-entry-${e.id}`} data-role={e.role} data-user-id={e.userId}>
                <Table.Td><Text size="sm" fw={e.userId === meId ? 700 : 500}>{e.userName}</Text></Table.Td>
                <Table.Td><CreditRoleBadge role={e.role} /></Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace" c={e.sharePct < 0 ? 'red.7' : undefined}>{formatPct(e.sharePct, lang, e.role === 'adjustment')}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={e.amountCents < 0 ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap' }}>{formatMoney(e.amountCents, lang, e.currency)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lh={1.5} data-testid="credit-explanation">{inLanguage(e.explanation, lang)}</Text>
                  {e.disputeId && (
                    <Anchor component={Link} to={paths.dispute(e.disputeId)} size="xs" data-testid="credit-entry-dispute">{t('credit.seeDispute')}</Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="sm">
        <Stack gap={4}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>{t('credit.rulesApplied')}</Text>
          {versions ? <RuleVersions versions={versions} /> : <Text size="xs" c="dimmed">—</Text>}
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>{t('credit.evidence', { count: evidence.length })}</Text>
          <EvidenceList evidence={evidence} />
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

function DealDisputes({ disputes }: { disputes: DisputeSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="xs" data-testid="deal-disputes">
      <Title order={5}>{t('credit.dealDisputes', { count: disputes.length })}</Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('disputes.reference')}</Table.Th>
              <Table.Th>{t('disputes.product')}</Table.Th>
              <Table.Th>{t('disputes.parties')}</Table.Th>
              <Table.Th ta="right">{t('disputes.requestedShort')}</Table.Th>
              <Table.Th>{t('disputes.statusLabel')}</Table.Th>
              <Table.Th>{t('disputes.filedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {disputes.map((d) => (
              <Table.Tr key={d.id} data-testid={`deal-dispute-${d.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={paths.dispute(d.id)} size="sm" ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }}>{d.reference}</Anchor>
                </Table.Td>
                <Table.Td><Text size="sm">{d.productName}</Text></Table.Td>
                <Table.Td><Text size="sm">{t('disputes.versus', { claimant: d.claimant.name, counterparty: d.counterparty.name })}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm" ff="monospace">{formatPct(d.requestedPct, lang)}</Text></Table.Td>
                <Table.Td><Group gap={4}><DisputeStatusBadge status={d.status} /><Badge size="sm" variant="outline" color="gray">{t(`disputes.level.${d.arbiterLevel}`)}</Badge></Group></Table.Td>
                <Table.Td><Text size="sm">{formatDate(d.filedAt, lang)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
