import { Badge } from '@mantine/core';
import { IconLinkOff, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function VerifiedBadge({ verified, size = 'md', brokenSeq }: { verified: boolean; size?: 'xs' | 'sm' | 'md' | 'lg'; brokenSeq?: number | null }) {
  const { t } = useTranslation();
  return verified ? (
    <Badge color="teal" variant="light" size={size} leftSection={<IconShieldCheck size={14} />} data-testid="trace-verified">
      {t('trace.chainVerified')}
    </Badge>
  ) : (
    <Badge color="red" variant="filled" size={size} leftSection={<IconLinkOff size={14} />} data-testid="trace-broken">
      {brokenSeq != null ? t('trace.chainBrokenAt', { seq: brokenSeq }) : t('trace.chainBroken')}
    </Badge>
  );
}
