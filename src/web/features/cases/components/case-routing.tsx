import { Group, Text } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../contract/cases.ts';
import { inLanguage } from '../case-words.ts';

/** "Pourquoi ce pôle ?": the routing rule's own words on why the case went to its pool. */
export function CaseRouting({ routing, size = 'sm', testId = 'case-routing' }: { routing: Case['routing']; size?: string; testId?: string }) {
  const { i18n } = useTranslation();
  const text = inLanguage(routing.text, i18n.language);
  if (!text) return null;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" c="dimmed" data-testid={testId} data-code={routing.code}>
      <IconRoute size={16} style={{ flexShrink: 0, marginTop: 2 }} />
      <Text size={size} c="inherit">{text}</Text>
    </Group>
  );
}
