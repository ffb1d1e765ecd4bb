import { Badge, Card, Group, SegmentedControl, Skeleton, Tabs, Text } from '@mantine/core';
import { IconBuildingCommunity, IconGavel, IconScale } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DisputeSummary } from '../../../contract/credit.ts';
import { EmptyBlock } from '../../components/empty-block.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useDisputes, type DisputeListRole } from '../../features/credit/api/get-disputes.ts';
import { creditErrorText } from '../../features/credit/components/credit-format.ts';
import { DisputesTable } from '../../features/credit/components/disputes-table.tsx';

type Show = 'pending' | 'all';
const PENDING: ReadonlyArray<DisputeSummary['status']> = ['open', 'appealed'];

/** Contestations: the ones I filed or am contested in, the ones I must decide, and (managers) my units'. */
export function DisputesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const managerial = user.roles.includes('manager') || user.roles.includes('director');
  const roles: DisputeListRole[] = managerial ? ['party', 'arbiter', 'unit'] : ['party', 'arbiter'];
  const [params, setParams] = useSearchParams();
  const show: Show = params.get('show') === 'pending' ? 'pending' : 'all';
  const party = useDisputes({ role: 'party' });
  const arbiter = useDisputes({ role: 'arbiter' });
  const unit = useDisputes({ role: 'unit' }, managerial);
  const lists = { party, arbiter, unit } as const;
  const toDecide = (arbiter.data?.items ?? []).filter((d) => d.arbiter.id === user.id && PENDING.includes(d.status)).length;
  // Without a chosen tab, an arbiter with claims waiting lands on them.
  const tab = (roles as string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as DisputeListRole) : toDecide > 0 ? 'arbiter' : 'party';
  const current = lists[tab];
  const items = useMemo(() => (current.data?.items ?? []).filter((d) => show === 'all' || PENDING.includes(d.status)), [current.data, show]);
  const pending = (role: DisputeListRole) => (lists[role].data?.items ?? []).filter((d) => PENDING.includes(d.status)).length;

  const icons = { party: IconScale, arbiter: IconGavel, unit: IconBuildingCommunity };
  const setTab = (next: string | null) => setParams({ tab: next ?? 'party', ...(show === 'pending' && { show }) }, { replace: true });

  return (
    <>
      <PageHeader title={t('disputes.title')} subtitle={t('disputes.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Group justify="space-between" align="flex-end" wrap="wrap" mb="md">
          <Tabs.List>
            {roles.map((role) => {
              const Icon = icons[role];
              const count = role === 'arbiter' ? toDecide : pending(role);
              return (
                <Tabs.Tab
                  key={role}
                  value={role}
                  leftSection={<Icon size={16} />}
                  rightSection={count > 0 ? <Badge size="sm" circle={count < 10} color={role === 'arbiter' ? 'red' : 'orange'}>{count}</Badge> : null}
                  data-testid={`disputes-tab-${role}`}
                >
                  {t(`disputes.tabs.${role}`)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
          <SegmentedControl
            size="xs"
            value={show}
            onChange={(s) => setParams({ tab, ...(s === 'pending' && { show: s }) }, { replace: true })}
            data={[{ value: 'all', label: t('disputes.showAll') }, { value: 'pending', label: t('disputes.showPending') }]}
            data-testid="disputes-show"
          />
        </Group>
        {roles.map((role) => (
          <Tabs.Panel key={role} value={role}>
            <Text size="sm" c="dimmed" mb="sm">{t(`disputes.tabHelp.${role}`)}</Text>
            <Card withBorder padding={0} data-testid={`disputes-${role}`}>
              {current.isPending ? (
                <Skeleton h={200} />
              ) : current.isError ? (
                <ErrorBlock error={new Error(creditErrorText(t, current.error))} onRetry={() => current.refetch()} />
              ) : items.length === 0 ? (
                <EmptyBlock icon={<IconScale />} title={t(`disputes.empty.${role}`)} description={t('disputes.emptyHelp')} />
              ) : (
                <DisputesTable items={items} meId={user.id} />
              )}
            </Card>
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
