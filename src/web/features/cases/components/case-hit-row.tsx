import { Group, Stack, Text } from '@mantine/core';
import { IconFolders } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../../contract/cases.ts';
import { CasePriorityBadge, CaseStatusBadge, CaseTypeBadge } from './case-badges.tsx';

/** A case found by its reference in the search box: what it is, for whom, where it stands. */
export function CaseHitRow({ c }: { c: CaseListItem }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md" w="100%">
      <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
        <IconFolders size={20} style={{ flexShrink: 0, marginTop: 2 }} />
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={650} ff="monospace" data-testid="search-case-reference">{c.reference}</Text>
            <Text fw={500} truncate>{c.subject}</Text>
          </Group>
          <Group gap="md" c="dimmed" wrap="wrap">
            <Text size="sm">{c.account.name}</Text>
            <Text size="sm">{c.pool.name}</Text>
            <Text size="sm">{c.assignee?.name ?? t('cases.unassigned')}</Text>
          </Group>
        </Stack>
      </Group>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        <CaseTypeBadge type={c.type} />
        <CasePriorityBadge priority={c.priority} />
        <CaseStatusBadge status={c.status} testId="search-case-status" />
      </Group>
    </Group>
  );
}
