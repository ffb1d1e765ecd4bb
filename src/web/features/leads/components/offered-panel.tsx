import { Button, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHandGrab } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { errorText } from '../../../lib/errors.ts';
import { useLeads } from '../api/get-leads.ts';
import { useTakeLead } from '../api/use-take-lead.ts';
import { useNow } from './due-countdown.tsx';
import { LeadCard } from './lead-card.tsx';

/** "Proposées à mon pôle": leads of colleagues at their warning point that anyone in the agency's sales pool may take. */
export function OfferedPanel() {
  const { t } = useTranslation();
  const now = useNow();
  const offered = useLeads({ view: 'offered' });
  const take = useTakeLead();
  const items = offered.data?.pages.flatMap((p) => p.items) ?? [];

  if (offered.isPending) return <Skeleton h={80} radius="md" />;
  if (offered.isError) return <ErrorBlock error={offered.error} onRetry={() => offered.refetch()} />;
  if (items.length === 0) return <Text size="sm" c="dimmed" data-testid="offered-empty">{t('myDay.offeredEmpty')}</Text>;
  return (
    <Stack gap="sm" data-testid="offered">
      {items.map((lead) => (
        <LeadCard
          key={lead.id}
          lead={lead}
          now={now}
          testId="offered-row"
          actions={
            <Stack gap={4} align="flex-end">
              <Text size="xs" c="dimmed">{t('myDay.heldBy', { name: lead.assigneeName ?? '—' })}</Text>
              <Button
                size="compact-sm"
                color="orange"
                leftSection={<IconHandGrab size={14} />}
                disabled={!lead.abilities.take}
                loading={take.isPending && take.variables?.id === lead.id}
                data-testid="lead-take"
                onClick={() =>
                  take.mutate(
                    { id: lead.id, version: lead.version },
                    {
                      onSuccess: (l) => notifications.show({ color: 'teal', message: t('myDay.taken', { product: l.productName, account: l.accountName }) }),
                      onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
                    },
                  )
                }
              >
                {t('myDay.take')}
              </Button>
            </Stack>
          }
        />
      ))}
    </Stack>
  );
}
