import { Button, Card } from '@mantine/core';
import { IconLock, IconMapSearch, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock } from '../../../components/empty-block.tsx';

/** The server refused the unit or person asked for (403), or does not know it (404): say why, and offer the reader's own figures. */
export function SteeringDenied({ status, myFiguresHref }: { status: 403 | 404; myFiguresHref: string }) {
  const { t } = useTranslation();
  const forbidden = status === 403;
  return (
    <Card withBorder data-testid={forbidden ? 'steering-forbidden' : 'steering-not-found'}>
      <EmptyBlock
        icon={forbidden ? <IconLock /> : <IconMapSearch />}
        title={forbidden ? t('steering.denied.title') : t('steering.denied.notFoundTitle')}
        description={forbidden ? t('steering.denied.help') : t('steering.denied.notFoundHelp')}
      >
        <Button component={Link} to={myFiguresHref} leftSection={<IconUser size={16} />} mt="md" data-testid="steering-denied-my-figures">
          {t('steering.denied.myFigures')}
        </Button>
      </EmptyBlock>
    </Card>
  );
}
