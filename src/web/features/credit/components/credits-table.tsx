import { Anchor, Card, ColorSwatch, Group, SimpleGrid, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconBriefcase, IconCoins } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { creditRoleSchema, type CreditEntry } from '../../../../contract/credit.ts';
import { formatDateTime, formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import type { MyCredits } from '../api/get-my-credits.ts';
import { CreditRoleBadge, creditRoleColor } from './credit-badges.tsx';
import { formatPct, inLanguage } from './credit-format.ts';

/** The period's total, how many deals it comes from, and how it splits by role. */
export function CreditsTotals({ totals, currency }: { totals: MyCredits['totals']; currency: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const roles = creditRoleSchema.options.filter((r) => (totals.byRole[r] ?? 0) !== 0 || r !== 'adjustment');
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" data-testid="credits-totals">
      <Card withBorder padding="md" data-testid="credits-total" data-amount={totals.amountCents}>
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={40} radius="md" variant="light"><IconCoins size={22} /></ThemeIcon>
          <Stack gap={0}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{t('credit.totalAmount')}</Text>
            <Text fz={26} fw={700} lh={1.2}>{formatMoney(totals.amountCents, lang, currency)}</Text>
          </Stack>
        </Group>
      </Card>
      <Card withBorder padding="md" data-testid="credits-deals">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={40} radius="md" variant="light" color="grape"><IconBriefcase size={22} /></ThemeIcon>
          <Stack gap={0}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{t('credit.totalDeals')}</Text>
            <Text fz={26} fw={700} lh={1.2} aria-label={t('credit.dealCount', { count: totals.deals })}>{totals.deals}</Text>
          </Stack>
        </Group>
      </Card>
      {roles.map((r) => (
        <Card key={r} withBorder padding="md" data-testid={`credits-by-role-${r}`}>
          <Stack gap={4}>
            <Group gap={6} wrap="nowrap">
              <ColorSwatch color={`var(--mantine-color-${creditRoleColor[r]}-5)`} size={10} withShadow={false} />
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{t(`credit.roles.${r}`)}</Text>
            </Group>
            <Text fz={20} fw={650}>{formatMoney(totals.byRole[r] ?? 0, lang, currency)}</Text>
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Every credit entry of the period: the deal, the account, the product, the role, the share, the amount, and why. */
export function CreditsTable({ items }: { items: CreditEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="credits-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('credit.recordedAt')}</Table.Th>
            <Table.Th>{t('credit.dealAndAccount')}</Table.Th>
            <Table.Th>{t('credit.product')}</Table.Th>
            <Table.Th>{t('credit.role')}</Table.Th>
            <Table.Th ta="right">{t('credit.share')}</Table.Th>
            <Table.Th ta="right">{t('credit.amount')}</Table.Th>
            <Table.Th w="42%">{t('credit.why')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id} data-testid={`credit-row-${e.id}`} data-role={e.role}>
              <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.recordedAt, lang)}</Text></Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={paths.deal(e.dealId)} size="sm" fw={600} data-testid="credit-deal-link">{e.dealTitle}</Anchor>
                  <Anchor component={Link} to={paths.account(e.accountId)} size="xs" c="dimmed">{e.accountName}</Anchor>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.productName}</Text>
                <Text size="xs" c="dimmed">{e.family}</Text>
              </Table.Td>
              <Table.Td><CreditRoleBadge role={e.role} /></Table.Td>
              <Table.Td ta="right"><Text size="sm" ff="monospace" c={e.sharePct < 0 ? 'red.7' : undefined} data-testid="credit-share">{formatPct(e.sharePct, lang, e.role === 'adjustment')}</Text></Table.Td>
              <Table.Td ta="right"><Text size="sm" fw={600} c={e.amountCents < 0 ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap' }}>{formatMoney(e.amountCents, lang, e.currency)}</Text></Table.Td>
              <Table.Td>
                <Text size="sm" lh={1.5} data-testid="credit-explanation">{inLanguage(e.explanation, lang)}</Text>
                {e.disputeId && <Anchor component={Link} to={paths.dispute(e.disputeId)} size="xs">{t('credit.seeDispute')}</Anchor>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
