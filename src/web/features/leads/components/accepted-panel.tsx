import { Button, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../../contract/leads.ts';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { useLeads } from '../api/get-leads.ts';
import { ConvertLeadModal } from './convert-lead-modal.tsx';
import { useNow } from './due-countdown.tsx';
import { LeadCard } from './lead-card.tsx';

/** "Acceptées, à transformer": leads I qualified and still have to turn into a deal before they expire. */
export function AcceptedPanel() {
  const { t } = useTranslation();
  const now = useNow();
  const accepted = useLeads({ view: 'inbox', status: 'accepted' });
  const [converting, setConverting] = useState<Lead | null>(null);
  const items = accepted.data?.pages.flatMap((p) => p.items) ?? [];

  if (accepted.isPending) return <Skeleton h={80} radius="md" />;
  if (accepted.isError) return <ErrorBlock error={accepted.error} onRetry={() => accepted.refetch()} />;
  if (items.length === 0) return <Text size="sm" c="dimmed" data-testid="accepted-empty">{t('myDay.acceptedEmpty')}</Text>;
  return (
    <Stack gap="sm" data-testid="accepted">
      {items.map((lead) => (
        <LeadCard
          key={lead.id}
          lead={lead}
          now={now}
          testId="accepted-row"
          actions={
            <Button
              size="compact-sm"
              variant="light"
              rightSection={<IconArrowRight size={14} />}
              disabled={!lead.abilities.convert}
              data-testid="lead-convert-accepted"
              onClick={() => setConverting(lead)}
            >
              {t('myDay.convert')}
            </Button>
          }
        />
      ))}
      <ConvertLeadModal lead={converting} onClose={() => setConverting(null)} />
    </Stack>
  );
}
