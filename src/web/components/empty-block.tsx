import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyBlock({ icon, title, description, children }: { icon?: ReactNode; title: ReactNode; description?: ReactNode; children?: ReactNode }) {
  return (
    <EmptyState py="xl" px="md" icon={icon} title={title} description={description} data-testid="empty-state" variant="light">
      {children}
    </EmptyState>
  );
}
