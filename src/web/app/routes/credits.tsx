import { Alert, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconCalculator, IconCoins, IconInfoCircle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyBlock } from '../../components/empty-block.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useMyCredits } from '../../features/credit/api/get-my-credits.ts';
import { creditErrorText } from '../../features/credit/components/credit-format.ts';
import { CreditsTable, CreditsTotals } from '../../features/credit/components/credits-table.tsx';
import { PeriodFilter, periodLabel, periodRange, PERIOD_KINDS, type Period, type PeriodKind } from '../../features/credit/components/period-filter.tsx';
import { PersonPicker, type PickedPerson } from '../../features/credit/components/person-picker.tsx';
import { paths } from '../../lib/paths.ts';

/** The period and the person live in the URL, so a view can be shared and survives a reload. */
function usePeriodParams() {
  const [params, setParams] = useSearchParams();
  const kind = (PERIOD_KINDS as string[]).includes(params.get('period') ?? '') ? (params.get('period') as PeriodKind) : 'month';
  const offset = Math.min(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const period: Period = { kind, offset, from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const person: PickedPerson | null = params.get('userId') ? { id: params.get('userId')!, name: params.get('name') ?? '' } : null;
  const set = (next: Period, who: PickedPerson | null) => {
    const out: Record<string, string> = { period: next.kind };
    if (next.kind === 'custom') {
      if (next.from) out.from = next.from;
      if (next.to) out.to = next.to;
    } else if (next.offset) out.offset = String(next.offset);
    if (who) {
      out.userId = who.id;
      out.name = who.name;
    }
    setParams(out, { replace: true });
  };
  return { period, person, set };
}

/** "Mes crédits": what the ledger credits me (or, for a manager, one of their people) with over a period, and why. */
export function CreditsPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const managerial = user.roles.includes('manager') || user.roles.includes('director');
  const { period, person, set } = usePeriodParams();
  const range = periodRange(period);
  const credits = useMyCredits({ userId: person?.id, from: range.from, to: range.to });
  const items = credits.data?.items ?? [];
  const currency = items[0]?.currency ?? 'EUR';
  const sameAgency = useMemo(() => ({ label: t('credit.myAgency'), test: (e: { homeAgencyId: string | null }) => !!user.homeAgencyId && e.homeAgencyId === user.homeAgencyId }), [t, user.homeAgencyId]);
  const whose = person && person.id !== user.id ? person.name : null;

  return (
    <Stack gap="lg" data-testid="credits-page">
      <PageHeader
        title={whose ? t('credit.pageTitleOf', { name: whose }) : t('credit.pageTitle')}
        subtitle={whose ? t('credit.pageSubtitleOf', { name: whose }) : t('credit.pageSubtitle')}
        actions={
          <Button component={Link} to={paths.simulateCredit} variant="light" leftSection={<IconCalculator size={16} />} data-testid="credits-simulate">
            {t('credit.simulateLink')}
          </Button>
        }
      />
      <Card withBorder padding="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <PeriodFilter value={period} onChange={(p) => set(p, person)} />
          {managerial && (
            <PersonPicker
              testId="credits-person"
              label={t('credit.whose')}
              description={t('credit.whoseHelp')}
              placeholder={t('credit.meOption')}
              clearable
              first={sameAgency}
              value={person}
              onChange={(p) => set(period, p && p.id !== user.id ? p : null)}
            />
          )}
        </Group>
      </Card>

      {credits.isError ? (
        <ErrorBlock error={new Error(creditErrorText(t, credits.error))} onRetry={() => credits.refetch()} />
      ) : credits.isPending ? (
        <Stack gap="md"><Skeleton h={90} /><Skeleton h={260} /></Stack>
      ) : (
        <>
          <CreditsTotals totals={credits.data.totals} currency={currency} />
          <Card withBorder padding={0} style={{ opacity: credits.isPlaceholderData ? 0.6 : 1 }}>
            {items.length === 0 ? (
              <EmptyBlock
                icon={<IconCoins />}
                title={t('credit.emptyTitle', { period: periodLabel(period, i18n.language, t) })}
                description={whose ? t('credit.emptyHelpOf', { name: whose }) : t('credit.emptyHelp')}
              />
            ) : (
              <CreditsTable items={items} />
            )}
          </Card>
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
            <Text size="sm">{t('credit.pageFootnote')}</Text>
          </Alert>
        </>
      )}
    </Stack>
  );
}
