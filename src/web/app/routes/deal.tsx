import { Alert, Anchor, Badge, Breadcrumbs, Button, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHistory, IconListDetails, IconPencil, IconTargetArrow, IconThumbDown } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DealStage } from '../../../contract/deals.ts';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DealCredits } from '../../features/credit/components/deal-credits.tsx';
import { useDeal } from '../../features/deals/api/get-deal.ts';
import { DealHistory } from '../../features/deals/components/deal-history.tsx';
import { DealStageBadge } from '../../features/deals/components/deal-stage-badge.tsx';
import { DealStageStepper } from '../../features/deals/components/deal-stage-stepper.tsx';
import { EditDealModal } from '../../features/deals/components/edit-deal-modal.tsx';
import { useDealMover } from '../../features/deals/hooks/use-deal-mover.tsx';
import { formatPercent, isOpenStage, isOverdue, parisDay, weightedCents } from '../../features/deals/deal-stage.ts';
import { ApiError } from '../../lib/api-client.ts';
import { formatDate, formatMoney, formatMoneyPrecise } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';
import { NotFoundPage } from './not-found.tsx';
import { Field } from '../../components/field.tsx';


export function DealPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useDeal(id);
  const mover = useDealMover({ refusalIn: 'page' });
  const [movingTo, setMovingTo] = useState<DealStage | null>(null);
  const [editing, edit] = useDisclosure(false);

  if (query.isPending) {
    return (
      <Stack>
        <Skeleton h={40} w={420} />
        <Skeleton h={120} />
        <Grid><Grid.Col span={{ base: 12, lg: 7 }}><Skeleton h={320} /></Grid.Col><Grid.Col span={{ base: 12, lg: 5 }}><Skeleton h={320} /></Grid.Col></Grid>
      </Stack>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ErrorBlock error={query.error} onRetry={() => query.refetch()} />;
  }
  const deal = query.data;
  const today = parisDay();
  const overdue = isOverdue(deal, today);
  const open = isOpenStage(deal.stage);

  function move(stage: DealStage) {
    // The board's mover reports its own busy state; here the pressed button shows it.
    setMovingTo(stage === 'lost' ? null : stage);
    mover.request(deal, stage);
  }

  return (
    <>
      <Breadcrumbs mb="xs" separator="›">
        <Anchor component={Link} to={paths.deals} size="sm">{t('nav.deals')}</Anchor>
        <Anchor component={Link} to={paths.account(deal.accountId)} size="sm">{deal.accountName}</Anchor>
        <Text size="sm" c="dimmed">{t('deals.page.crumb')}</Text>
      </Breadcrumbs>
      <PageHeader
        title={<span data-testid="deal-title">{deal.title}</span>}
        badge={<DealStageBadge stage={deal.stage} size="lg" testId="deal-stage" />}
        subtitle={
          <>
            <Anchor component={Link} to={paths.account(deal.accountId)} size="sm" fw={600} data-testid="deal-account-link">{deal.accountName}</Anchor>
            {` · ${deal.agencyName}`}
          </>
        }
        actions={
          <>
            {deal.leadId && (
              <Button component={Link} to={paths.lead(deal.leadId)} variant="default" leftSection={<IconTargetArrow size={16} />} data-testid="deal-lead-link">{t('deals.page.seeLead')}</Button>
            )}
            {deal.abilities.update && open && (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={edit.open} data-testid="deal-edit">{t('deals.edit.open')}</Button>
            )}
          </>
        }
      />

      <Card withBorder padding="lg" mb="lg">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="lg" mb="lg">
          <Field label={t('deals.page.amount')}>
            <Text fz={22} fw={700} lh={1.2} data-testid="deal-amount">{formatMoney(deal.amountCents, lang, deal.currency)}</Text>
          </Field>
          <Field label={t('deals.page.probability')} testId="deal-probability">
            <Text fz={22} fw={700} lh={1.2}>{formatPercent(deal.probability, lang)}</Text>
          </Field>
          <Field label={t('deals.page.weighted')} testId="deal-weighted">
            <Text fz={22} fw={700} lh={1.2} c="dimmed">{formatMoney(weightedCents(deal), lang, deal.currency)}</Text>
          </Field>
          {open ? (
            <Field label={t('deals.page.expectedClose')} testId="deal-expected-close">
              <Group gap={6}>
                <Text size="sm" fw={overdue ? 700 : 500} c={overdue ? 'red.7' : undefined}>{formatDate(deal.expectedClose, lang)}</Text>
                {overdue && <Badge color="red" variant="light" size="sm">{t('deals.page.overdue')}</Badge>}
              </Group>
            </Field>
          ) : (
            <Field label={t('deals.page.closedOn')} testId="deal-closed-on">{formatDate(deal.closedOn ?? deal.closedAt, lang)}</Field>
          )}
          <Field label={t('deals.page.owner')} testId="deal-owner">{deal.ownerName}</Field>
          <Field label={t('deals.page.openedOn')} testId="deal-opened-on">
            <Text size="sm">{formatDate(deal.openedOn, lang)}</Text>
            {deal.createdByName && deal.createdByName !== deal.ownerName && <Text size="xs" c="dimmed">{t('deals.page.createdBy')} {deal.createdByName}</Text>}
          </Field>
        </SimpleGrid>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3} mb={6}>{t('deals.page.stage')}</Text>
        <DealStageStepper deal={deal} onMove={move} movingTo={mover.movingId === deal.id ? movingTo : null} />
        {mover.refusalAlert && <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>{mover.refusalAlert}</div>}
        {deal.stage === 'lost' && (
          <Alert color="red" variant="light" icon={<IconThumbDown size={18} />} title={t('deals.page.lostTitle')} mt="md" data-testid="deal-loss">
            <Text size="sm" fw={600} data-testid="deal-loss-reason">{deal.lossReason ? t('deals.page.lostReason', { reason: t(`deals.lossReasons.${deal.lossReason}`) }) : '—'}</Text>
            {deal.lossNote && <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} data-testid="deal-loss-note">« {deal.lossNote} »</Text>}
          </Alert>
        )}
      </Card>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder padding="lg" data-testid="deal-lines-card">
            <Group justify="space-between" mb="sm">
              <Group gap="xs"><IconListDetails size={18} /><Title order={4}>{t('deals.page.lines')}</Title></Group>
              <Text size="sm" c="dimmed">{t('deals.page.linesCount', { count: deal.lines.length })}</Text>
            </Group>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" horizontalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('deals.form.product')}</Table.Th>
                    <Table.Th ta="right">{t('deals.form.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('deals.form.unitPrice')}</Table.Th>
                    <Table.Th ta="right">{t('deals.form.discount')}</Table.Th>
                    <Table.Th ta="right">{t('deals.form.lineAmount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {deal.lines.map((l) => (
                    <Table.Tr key={l.id} data-testid="deal-line-row">
                      <Table.Td>
                        <Text size="sm" fw={500}>{l.productName}</Text>
                        <Group gap={6}>
                          <Text size="xs" c="dimmed">{l.family}</Text>
                          <Badge size="xs" variant="light" color={l.complexity === 'complex' ? 'grape' : 'teal'}>{t(`enums.complexity.${l.complexity}`)}</Badge>
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">{l.quantity.toLocaleString(lang)}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMoneyPrecise(l.unitPriceCents, lang, deal.currency)}</Table.Td>
                      <Table.Td ta="right">{l.discountPct ? formatPercent(l.discountPct, lang) : '—'}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}><Text size="sm" fw={600}>{formatMoneyPrecise(l.amountCents, lang, deal.currency)}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th colSpan={4} ta="right">{t('deals.form.total')}</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMoneyPrecise(deal.amountCents, lang, deal.currency)}</Table.Th>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder padding="lg">
            <Group gap="xs" mb="sm"><IconHistory size={18} /><Title order={4}>{t('deals.page.history')}</Title></Group>
            <DealHistory dealId={deal.id} />
          </Card>
        </Grid.Col>
        <Grid.Col span={12} data-testid="deal-credits-section">
          <DealCredits deal={deal} />
        </Grid.Col>
      </Grid>
      {deal.abilities.update && <EditDealModal deal={deal} opened={editing} onClose={edit.close} />}
      {mover.dialogs}
    </>
  );
}
