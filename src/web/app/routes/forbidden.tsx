import { Card } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from '../../components/empty-block.tsx';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Card withBorder mt="xl">
      <EmptyBlock icon={<IconLock />} title={t('errors.forbiddenTitle')} description={t('errors.forbiddenHelp')} />
    </Card>
  );
}
