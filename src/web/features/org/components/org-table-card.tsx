import { Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A titled card with a "new" button, used by the three organisation lists. */
export function OrgTableCard({ title, description, addLabel, onAdd, loading, children, testId }: {
  title: string; description: string; addLabel: string; onAdd: () => void; loading: boolean; children: ReactNode; testId: string;
}) {
  return (
    <Card withBorder padding={0} data-testid={testId}>
      <Group justify="space-between" p="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <Stack gap={0}>
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed">{description}</Text>
        </Stack>
        <Button size="sm" leftSection={<IconPlus size={16} />} onClick={onAdd} data-testid={`${testId}-add`}>{addLabel}</Button>
      </Group>
      {loading ? <Stack p="md" gap="xs"><Skeleton h={24} /><Skeleton h={24} /><Skeleton h={24} /></Stack> : children}
    </Card>
  );
}
