import { Alert, Anchor, Badge, Button, Group, List, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '../../../../contract/accounts.ts';
import { formatSiren } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

export function DuplicateWarning({ duplicates, blocking, onCreateAnyway, loading }: { duplicates: DuplicateCandidate[]; blocking: boolean; onCreateAnyway?: () => void; loading?: boolean }) {
  const { t } = useTranslation();
  if (!duplicates.length) return null;
  return (
    <Alert
      color={blocking ? 'orange' : 'yellow'}
      variant="light"
      icon={<IconCopy size={18} />}
      title={blocking ? t('duplicates.blockingTitle') : t('duplicates.liveTitle', { count: duplicates.length })}
      data-testid={blocking ? 'duplicate-warning' : 'duplicate-hint'}
    >
      {blocking && <Text size="sm" mb="xs">{t('duplicates.blockingHelp')}</Text>}
      <List size="sm" spacing={4}>
        {duplicates.map((d) => (
          <List.Item key={d.id}>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={paths.account(d.id)} target="_blank" fw={600} size="sm" data-testid="duplicate-link">{d.name}</Anchor>
              {d.city && <Text size="xs" c="dimmed">{d.city}</Text>}
              {d.siren && <Text size="xs" c="dimmed" ff="monospace">{formatSiren(d.siren)}</Text>}
              {d.reasons.map((r) => <Badge key={r} size="xs" variant="outline" color="orange">{t(`duplicates.reasons.${r}`)}</Badge>)}
            </Group>
          </List.Item>
        ))}
      </List>
      {blocking && onCreateAnyway && (
        <Group mt="md">
          <Button color="orange" size="xs" onClick={onCreateAnyway} loading={loading} data-testid="create-anyway">
            {t('duplicates.createAnyway')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
