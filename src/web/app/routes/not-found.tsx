import { Button, Card } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock } from '../../components/empty-block.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Card withBorder mt="xl">
      <EmptyBlock icon={<IconMapOff />} title={t('errors.notFoundTitle')} description={t('errors.notFoundHelp')}>
        <Button component={Link} to="/" variant="light" mt="md">{t('nav.backHome')}</Button>
      </EmptyBlock>
    </Card>
  );
}
