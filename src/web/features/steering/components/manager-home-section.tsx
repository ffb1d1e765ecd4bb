import { Anchor, Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorBlock } from '../../../components/error-block.tsx';

interface ManagerHomeSectionProps {
  id: string;
  icon: ReactNode;
  title: string;
  help?: string;
  /** How many there are; undefined while loading or on error. `more`: the list holds only the first page. */
  count?: number;
  more?: boolean;
  /** Red when there is something to see to, gray otherwise. */
  tone?: 'red' | 'orange';
  link: { to: string; label: string; testId: string };
  children: ReactNode;
}

/** One block of the manager's home: a heading with its count, a link to the full page, and the list. */
export function ManagerHomeSection({ id, icon, title, help, count, more, tone = 'red', link, children }: ManagerHomeSectionProps) {
  const alarming = !!count;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={`${id}-title`}
      style={alarming ? { borderColor: `var(--mantine-color-${tone}-3)` } : undefined}
    >
      <Group justify="space-between" align="center" mb={help ? 2 : 'xs'} wrap="wrap" gap="xs">
        <Group gap={8} wrap="nowrap">
          <Group c={alarming ? `${tone}.7` : 'dimmed'} gap={0} aria-hidden>
            {icon}
          </Group>
          <Title order={3} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {count !== undefined && (
            <Badge color={alarming ? tone : 'gray'} variant="light" size="sm" data-testid={`${id}-count`} data-count={count}>
              {more ? `${count}+` : count}
            </Badge>
          )}
        </Group>
        <Anchor component={Link} to={link.to} size="sm" data-testid={link.testId}>
          <Group gap={4} wrap="nowrap">
            {link.label}
            <IconArrowRight size={14} aria-hidden />
          </Group>
        </Anchor>
      </Group>
      {help && (
        <Text size="xs" c="dimmed" mb="xs">
          {help}
        </Text>
      )}
      {children}
    </Card>
  );
}

/** What a list shows while it loads. */
export function ManagerHomeLoading({ rows = 3 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-busy>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} h={36} radius="sm" />
      ))}
    </Stack>
  );
}

/** A list with nothing in it: the good news, said plainly. */
export function ManagerHomeAllClear({ icon, title, help, testId }: { icon: ReactNode; title: string; help?: string; testId: string }) {
  return (
    <Group gap="sm" py="md" px="xs" wrap="nowrap" data-testid={testId}>
      <Group c="teal.7" gap={0} aria-hidden>
        {icon}
      </Group>
      <Stack gap={0}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {help && (
          <Text size="xs" c="dimmed">
            {help}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/** The states every list of the home goes through: failed (with a retry), loading, empty (the good news), or its rows. */
export function ManagerHomeList<T>({
  error,
  onRetry,
  items,
  empty,
  children,
}: {
  error: unknown;
  onRetry: () => void;
  items: T[] | undefined;
  empty: { title: string; help?: string; testId: string };
  children: (items: T[]) => ReactNode;
}) {
  if (error) return <ErrorBlock error={error} onRetry={onRetry} />;
  if (!items) return <ManagerHomeLoading />;
  if (items.length === 0) return <ManagerHomeAllClear icon={<IconCircleCheck size={22} />} {...empty} />;
  return <>{children(items)}</>;
}
