import { Button, Card, Group, MultiSelect, SegmentedControl, Skeleton, Switch, Tabs, Text } from '@mantine/core';
import { IconFilterOff, IconFolders, IconInbox, IconUsersGroup, IconUser } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { casePrioritySchema, caseStatusSchema, caseTypeSchema, type CaseListItem, type CasePriority, type CaseStatus, type CaseType } from '../../../contract/cases.ts';
import { EmptyBlock } from '../../components/empty-block.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useCases, type CaseFilters } from '../../features/cases/api/get-cases.ts';
import { PRIORITY_RANK } from '../../features/cases/case-words.ts';
import { CaseQueue } from '../../features/cases/components/case-queue.tsx';
import { useNow } from '../../features/leads/components/due-countdown.tsx';
import { isManagerial } from '../layout/nav-abilities.ts';

type QueueView = 'mine' | 'pool' | 'unit';
type Sort = 'urgency' | 'opened' | 'priority';
const SORTS: Sort[] = ['urgency', 'opened', 'priority'];

/** "a,b" from the URL, keeping only the words the contract knows. */
function listParam<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  return (params.get(key) ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function sorted(items: CaseListItem[], sort: Sort): CaseListItem[] {
  // The server sends the most urgent first; the other orders rearrange the pages loaded, keeping it as the tie-break.
  const order = new Map(items.map((c, i) => [c.id, i]));
  const rank = (c: CaseListItem) => order.get(c.id) ?? 0;
  if (sort === 'opened') return [...items].sort((a, b) => a.openedAt.localeCompare(b.openedAt) || rank(a) - rank(b));
  if (sort === 'priority') return [...items].sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || rank(a) - rank(b));
  return items;
}

/**
 * "Dossiers SAV": my cases, my pool's (taken or waiting to be), my units' for managers. Filters and sort live in
 * the URL, so a view can be shared and survives a reload; a queue opens on its most urgent page, "Voir plus"
 * appends the next, and other filters start again from the top. The loaded pages refresh every 30 s and the
 * countdowns tick in between; the counts in the header are the whole queue's.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const now = useNow();
  const manages = isManagerial(user) || user.roles.includes('admin');
  const inBackOffice = user.poolKinds.includes('back_office');
  const [params, setParams] = useSearchParams();

  const asked = params.get('view');
  const view: QueueView =
    asked === 'mine' || asked === 'pool' ? asked : asked === 'unit' && manages ? 'unit' : !inBackOffice && manages ? 'unit' : 'mine';
  const status = listParam<CaseStatus>(params, 'status', caseStatusSchema.options);
  const priority = listParam<CasePriority>(params, 'priority', casePrioritySchema.options);
  const type = listParam<CaseType>(params, 'type', caseTypeSchema.options);
  const unassigned = view !== 'mine' && params.get('unassigned') === '1';
  const pingPong = manages && params.get('pingPong') === '1';
  const sort: Sort = (SORTS as string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : 'urgency';
  const filtered = status.length + priority.length + type.length > 0 || unassigned || pingPong;

  const filters: CaseFilters = {
    view,
    status,
    priority,
    type,
    // Resolved and closed cases come only when asked for by status.
    includeDone: status.some((s) => s === 'resolved' || s === 'closed'),
    assigned: unassigned ? 'none' : 'any',
    pingPong,
  };
  const cases = useCases(filters, { refetchEvery: 30_000 });
  const items = useMemo(() => sorted(cases.data?.items ?? [], sort), [cases.data, sort]);
  // The whole queue's counts, from the server: the loaded pages may be 50 of thousands.
  const { total = 0, unassigned: waiting = 0, late = 0 } = cases.data ?? {};

  function set(key: string, value: string | null) {
    setParams(
      (p) => {
        const out = new URLSearchParams(p);
        if (value) out.set(key, value);
        else out.delete(key);
        return out;
      },
      { replace: true },
    );
  }
  const clearFilters = () =>
    setParams(
      (p) => {
        const out = new URLSearchParams();
        for (const k of ['view', 'sort']) if (p.get(k)) out.set(k, p.get(k)!);
        return out;
      },
      { replace: true },
    );

  const statusOptions = caseStatusSchema.options.map((s) => ({ value: s, label: t(`cases.status.${s}`) }));
  const priorityOptions = [...casePrioritySchema.options].reverse().map((p) => ({ value: p, label: t(`cases.priority.${p}`) }));
  const typeOptions = caseTypeSchema.options.map((x) => ({ value: x, label: t(`cases.type.${x}`) }));

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        subtitle={t(`cases.subtitle.${view}`)}
        actions={
          cases.isSuccess && (
            <Group gap="lg">
              <Text size="sm" fw={600} data-testid="cases-count" data-shown={items.length} data-total={total}>
                {items.length < total ? t('cases.queue.shownOfTotal', { shown: items.length, count: total }) : t('cases.queue.count', { count: total })}
              </Text>
              {view !== 'mine' && <Text size="sm" fw={600} c={waiting ? 'orange.7' : 'dimmed'} data-testid="cases-unassigned-count">{t('cases.queue.unassignedCount', { count: waiting })}</Text>}
              <Text size="sm" fw={600} c={late ? 'red.7' : 'dimmed'} data-testid="cases-late-count">{t('cases.queue.lateCount', { count: late })}</Text>
            </Group>
          )
        }
      />
      <Tabs value={view} onChange={(v) => v && set('view', v)} mb="md" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="mine" leftSection={<IconUser size={16} />} data-testid="cases-tab-mine">{t('cases.views.mine')}</Tabs.Tab>
          <Tabs.Tab value="pool" leftSection={<IconInbox size={16} />} data-testid="cases-tab-pool">{t('cases.views.pool')}</Tabs.Tab>
          {manages && <Tabs.Tab value="unit" leftSection={<IconUsersGroup size={16} />} data-testid="cases-tab-unit">{t('cases.views.unit')}</Tabs.Tab>}
        </Tabs.List>
      </Tabs>
      <Group gap="sm" mb="sm" wrap="wrap" align="flex-end" data-testid="case-filters">
        <MultiSelect
          label={t('cases.filters.status')}
          placeholder={status.length ? undefined : t('cases.filters.anyStatus')}
          data={statusOptions}
          value={status}
          onChange={(v) => set('status', v.join(',') || null)}
          clearable
          w={250}
          data-testid="case-filter-status"
        />
        <MultiSelect
          label={t('cases.filters.priority')}
          placeholder={priority.length ? undefined : t('cases.filters.anyPriority')}
          data={priorityOptions}
          value={priority}
          onChange={(v) => set('priority', v.join(',') || null)}
          clearable
          w={220}
          data-testid="case-filter-priority"
        />
        <MultiSelect
          label={t('cases.filters.type')}
          placeholder={type.length ? undefined : t('cases.filters.anyType')}
          data={typeOptions}
          value={type}
          onChange={(v) => set('type', v.join(',') || null)}
          clearable
          w={240}
          data-testid="case-filter-type"
        />
        <Group gap="md" pb={8}>
          {view !== 'mine' && (
            <Switch label={t('cases.filters.unassigned')} checked={unassigned} onChange={(e) => set('unassigned', e.currentTarget.checked ? '1' : null)} data-testid="case-filter-unassigned" />
          )}
          {manages && (
            <Switch label={t('cases.filters.pingPong')} checked={pingPong} onChange={(e) => set('pingPong', e.currentTarget.checked ? '1' : null)} data-testid="case-filter-ping-pong" />
          )}
        </Group>
        {filtered && (
          <Button variant="subtle" size="xs" mb={6} leftSection={<IconFilterOff size={14} />} onClick={clearFilters} data-testid="case-filter-reset">{t('cases.filters.reset')}</Button>
        )}
        <Group gap="xs" ml="auto" align="center" pb={4}>
          <Text size="sm" c="dimmed">{t('cases.sort.label')}</Text>
          <SegmentedControl
            size="xs"
            aria-label={t('cases.sort.label')}
            value={sort}
            onChange={(v) => set('sort', v === 'urgency' ? null : v)}
            data={SORTS.map((s) => ({ value: s, label: t(`cases.sort.${s}`) }))}
            data-testid="case-sort"
          />
        </Group>
      </Group>
      <Card withBorder padding={0} data-testid="cases-list" data-view={view} data-state={cases.isPending ? 'loading' : cases.isError ? 'error' : 'ready'}>
        {cases.isPending ? (
          <Skeleton h={240} />
        ) : cases.isError ? (
          <ErrorBlock error={cases.error} onRetry={() => cases.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock
            icon={filtered ? <IconFilterOff /> : <IconFolders />}
            title={filtered ? t('cases.queue.emptyFiltered') : t(`cases.queue.empty.${view}`)}
            description={filtered ? undefined : t(`cases.queue.emptyHelp.${view}`)}
          />
        ) : (
          <CaseQueue
            items={items}
            now={now}
            meId={user.id}
            showPingPong={manages}
            more={cases.hasNextPage ? { total, loading: cases.isFetchingNextPage, load: () => void cases.fetchNextPage() } : null}
          />
        )}
      </Card>
    </>
  );
}
