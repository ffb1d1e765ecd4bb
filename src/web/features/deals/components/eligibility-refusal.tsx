import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconSend, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { PoolKind } from '../../../../contract/auth.ts';
import { eligibilityRefusalDetails } from '../../../../contract/deals.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export type EligibilityRefusal = z.infer<typeof eligibilityRefusalDetails>;

/** The details of a 422 deal.not_eligible, or null for any other error. */
export function readEligibilityRefusal(error: unknown): EligibilityRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'deal.not_eligible') return null;
  const parsed = eligibilityRefusalDetails.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

const POOL_ORDER: PoolKind[] = ['sales', 'inbound', 'telemarketing', 'associate_seller', 'sales_assistant', 'back_office', 'marketing'];

/**
 * Closing as won was refused because the owner's channel may not sell one of the products: says which
 * product, under which version of the rule, who may sell it — and offers the relay that rule expects.
 */
export function EligibilityRefusalAlert({ refusal, onRelay, onClose }: { refusal: EligibilityRefusal; onRelay: () => void; onClose?: () => void }) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language.startsWith('en') ? 'en-GB' : 'fr-FR', { style: 'long', type: 'conjunction' });
  const ordered = (kinds: PoolKind[]) => POOL_ORDER.filter((k) => kinds.includes(k));
  const allowed = list.format(ordered(refusal.allowedPoolKinds).map((k) => t(`deals.pools.${k}`)));
  const seller = list.format(ordered(refusal.sellerPoolKinds).map((k) => t(`enums.pool.${k}`)));
  const text = refusal.ruleVersion > 0
    ? t('deals.eligibility.text', { product: refusal.productName, allowed, version: refusal.ruleVersion })
    : t('deals.eligibility.textDefault', { product: refusal.productName, allowed });
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconShieldLock size={20} />}
      title={t('deals.eligibility.title')}
      withCloseButton={!!onClose}
      onClose={onClose}
      closeButtonLabel={t('deals.eligibility.close')}
      data-testid="eligibility-refusal"
      data-product-id={refusal.productId}
      data-rule-version={refusal.ruleVersion}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm" fw={500} data-testid="eligibility-refusal-text">{text}</Text>
        <Text size="sm">{refusal.sellerPoolKinds.length ? t('deals.eligibility.seller', { pools: seller }) : t('deals.eligibility.sellerNone')}</Text>
        <Text size="sm" c="dimmed">{t('deals.eligibility.advice')}</Text>
        <Group gap="sm" mt={4}>
          <Button color="orange" size="sm" leftSection={<IconSend size={16} />} onClick={onRelay} data-testid="eligibility-relay-button">
            {t('deals.eligibility.relay')}
          </Button>
          <Anchor component={Link} to={paths.rules} size="sm">{t('deals.eligibility.readRules')}</Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}
