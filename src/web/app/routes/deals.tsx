import { Button, Grid, Group, SegmentedControl, Select, SimpleGrid, Skeleton, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DealSummary } from '../../../contract/deals.ts';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useDeals, type DealView } from '../../features/deals/api/get-deals.ts';
import { DealBoard } from '../../features/deals/components/deal-board.tsx';
import { NewDealModal } from '../../features/deals/components/new-deal-modal.tsx';
import { PipelineSummary } from '../../features/deals/components/pipeline-summary.tsx';
import { useDealMover } from '../../features/deals/hooks/use-deal-mover.tsx';
import { isOpenStage, parisDay } from '../../features/deals/deal-stage.ts';
import { isManagerial, sells } from '../layout/nav-abilities.ts';

const DAY = 86_400_000;

/** Case and accent blind: "societe" finds "Société". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();

export function DealsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const manages = isManagerial(user);
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  const view: Exclude<DealView, 'account'> = manages && (asked === 'unit' || (asked !== 'mine' && !sells(user))) ? 'unit' : 'mine';
  const [search, setSearch] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [creating, create] = useDisclosure(false);
  const mover = useDealMover({ refusalIn: 'dialog' });
  // 31 days so that "won this month" is whole even on the 31st; the columns keep the last 30.
  const deals = useDeals({ view, closedWithinDays: 31 });
  const today = parisDay();

  const owners = useMemo(() => {
    const names = new Map<string, string>();
    for (const d of deals.data?.items ?? []) names.set(d.ownerId, d.ownerName);
    return [...names].sort(([, a], [, b]) => a.localeCompare(b)).map(([value, label]) => ({ value, label }));
  }, [deals.data]);
  // What the filters keep (summary: this month's wins too), and what the board shows (closed: the last 30 days).
  const { matching, onBoard } = useMemo(() => {
    const q = fold(search.trim());
    const since = Date.now() - 30 * DAY;
    const matching = (deals.data?.items ?? []).filter(
      (d: DealSummary) => (view !== 'unit' || !owner || d.ownerId === owner) && (!q || fold(`${d.title} ${d.accountName} ${d.ownerName}`).includes(q)),
    );
    return { matching, onBoard: matching.filter((d) => isOpenStage(d.stage) || Date.parse(d.stageChangedAt) >= since) };
  }, [deals.data, search, owner, view]);

  function switchView(next: string) {
    setOwner(null);
    setParams((p) => {
      const out = new URLSearchParams(p);
      out.set('view', next);
      return out;
    }, { replace: true });
  }

  return (
    <>
      <PageHeader
        title={t('deals.title')}
        subtitle={view === 'unit' ? t('deals.subtitleUnit') : t('deals.subtitleMine')}
        actions={
          <>
            {manages && (
              <SegmentedControl
                aria-label={t('deals.views.label')}
                value={view}
                onChange={switchView}
                data={[
                  { value: 'mine', label: t('deals.views.mine') },
                  { value: 'unit', label: t('deals.views.unit') },
                ]}
                data-testid="deal-view-toggle"
              />
            )}
            <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="new-deal-button">{t('deals.new')}</Button>
          </>
        }
      />
      {deals.isPending ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">{[0, 1, 2].map((i) => <Skeleton key={i} h={92} radius="md" />)}</SimpleGrid>
          <Grid columns={5}>{[0, 1, 2, 3, 4].map((i) => <Grid.Col key={i} span={1}><Skeleton h={420} radius="md" /></Grid.Col>)}</Grid>
        </>
      ) : deals.isError ? (
        <ErrorBlock error={deals.error} onRetry={() => deals.refetch()} />
      ) : (
        <>
          <PipelineSummary deals={matching} today={today} />
          <Group gap="sm" mb="sm" wrap="wrap">
            <TextInput
              aria-label={t('deals.filter')}
              placeholder={t('deals.filterPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={300}
              data-testid="deal-filter"
            />
            {view === 'unit' && owners.length > 1 && (
              <Select
                aria-label={t('deals.ownerFilter')}
                placeholder={t('deals.ownerAll')}
                data={owners}
                value={owner}
                onChange={setOwner}
                clearable
                searchable
                w={240}
                data-testid="deal-owner-filter"
              />
            )}
          </Group>
          <DealBoard deals={onBoard} today={today} showOwner={view === 'unit'} movingId={mover.movingId} onMove={mover.request} />
        </>
      )}
      <NewDealModal opened={creating} onClose={create.close} />
      {mover.dialogs}
    </>
  );
}
