import { ActionIcon, Popover, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition } from '../../../../contract/steering.ts';
import { inLanguage } from '../format-figure.ts';

/** The (i) beside an indicator: its plain-language definition, in the reader's language. */
export function DefinitionInfo({ indicator, size = 'sm' }: { indicator: IndicatorDefinition; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const name = inLanguage(indicator.name, i18n.language);
  return (
    <Popover width={320} position="top" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size={size} aria-label={t('steering.card.definition', { name })} data-testid={`definition-${indicator.id}`}>
          <IconInfoCircle size={size === 'xs' ? 14 : 16} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown data-testid={`definition-${indicator.id}-text`}>
        <Stack gap={4}>
          <Text size="sm" fw={600}>{name}</Text>
          <Text size="sm">{inLanguage(indicator.definition, i18n.language)}</Text>
          {indicator.snapshot && <Text size="xs" c="dimmed">{t('steering.card.snapshotHelp')}</Text>}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
