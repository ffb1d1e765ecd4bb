import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../contract/accounts.ts';
import { errorText } from '../../../lib/errors.ts';
import { useArchiveAccount } from '../api/use-archive-account.ts';

export function ArchiveAccountButton({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const archive = useArchiveAccount();
  return (
    <>
      <Button variant="default" color="red" leftSection={<IconArchive size={16} />} onClick={open} data-testid="account-archive">
        {t('account.archive')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('account.archiveTitle')}>
        <Text size="sm">{t('account.archiveHelp', { name: account.name })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
          <Button
            color="red"
            loading={archive.isPending}
            data-testid="account-archive-confirm"
            onClick={() =>
              archive.mutate(
                { id: account.id, version: account.version },
                {
                  onSuccess: () => {
                    close();
                    notifications.show({ color: 'teal', message: t('account.archived') });
                  },
                  onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
                },
              )
            }
          >
            {t('account.archive')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
