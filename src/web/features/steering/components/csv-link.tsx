import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A plain link to the CSV download: the browser sends the session cookie and saves the file. */
export function CsvLink({ href, label, testId }: { href: string; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={href} download variant="default" size="xs" leftSection={<IconDownload size={14} />} aria-label={label} title={label} data-testid={testId}>
      {t('steering.csv')}
    </Button>
  );
}
