import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value on a record's page (a lead, a deal, a case, an alert): small caps label, the value below. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{label}</Text>
      <div data-testid={testId}>{typeof children === 'string' ? <Text size="sm">{children}</Text> : children}</div>
    </Stack>
  );
}
