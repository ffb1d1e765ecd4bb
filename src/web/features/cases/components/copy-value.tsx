import { ActionIcon, Button, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Copies a value (a reference to paste in an e-mail, the summary to read out): an icon, or a labelled button. */
export function CopyValue({ value, testId, label }: { value: string; testId: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) =>
        label ? (
          <Button size="compact-sm" variant="light" color={copied ? 'teal' : 'gray'} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy} data-testid={testId} data-copied={copied || undefined}>
            {copied ? t('common.copied') : label}
          </Button>
        ) : (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('common.copy')} data-testid={testId} data-copied={copied || undefined}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )
      }
    </CopyButton>
  );
}
