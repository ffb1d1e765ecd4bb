import { Badge, Group, Highlight, Stack, Text } from '@mantine/core';
import { IconBuildingStore, IconMapPin, IconPhone, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../contract/accounts.ts';
import { SegmentBadge, StatusBadge } from '../../../components/account-badges.tsx';
import { formatSiren, phone } from '../../../lib/format.ts';

export function SearchHitRow({ hit, query }: { hit: SearchHit; query: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md" w="100%">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <Highlight highlight={hit.matchedBy === 'name' ? query : ''} fw={600} size="md" truncate data-testid="search-hit-name">
            {hit.name}
          </Highlight>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <StatusBadge status={hit.status} />
            <SegmentBadge segment={hit.segment} />
          </Group>
        </Group>
        <Group gap="md" c="dimmed" wrap="wrap">
          <Text size="sm" ff="monospace">{t('account.sirenShort')} {formatSiren(hit.siren)}</Text>
          {hit.city && (
            <Group gap={4}><IconMapPin size={14} /><Text size="sm">{hit.city}</Text></Group>
          )}
          {hit.phones.slice(0, 2).map((p) => (
            <Group gap={4} key={p}><IconPhone size={14} /><Text size="sm" data-testid="search-hit-phone">{phone(p)}</Text></Group>
          ))}
        </Group>
        <Group gap="md" c="dimmed">
          <Group gap={4}><IconUser size={14} /><Text size="xs">{hit.ownerName ?? t('account.noOwner')}</Text></Group>
          <Group gap={4}><IconBuildingStore size={14} /><Text size="xs">{hit.agencyName}</Text></Group>
        </Group>
      </Stack>
      <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
        <Badge variant="dot" size="sm" data-testid="search-hit-matched">
          {t('search.matchedBy', { what: t(`enums.match.${hit.matchedBy}`) })}
        </Badge>
        {hit.matchedContact && <Text size="xs" c="dimmed">{t('search.viaContact', { name: hit.matchedContact })}</Text>}
      </Stack>
    </Group>
  );
}
