import { Button, Center, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadMoreButton({ hasMore, loading, onClick, testId = 'load-more' }: { hasMore: boolean; loading: boolean; onClick: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="md">
      {hasMore ? (
        <Button variant="default" onClick={onClick} loading={loading} data-testid={testId}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">{t('common.endOfList')}</Text>
      )}
    </Center>
  );
}
