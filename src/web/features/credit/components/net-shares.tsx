import { ColorSwatch, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DealCredits } from '../../../../contract/credit.ts';
import { formatMoney } from '../../../lib/format.ts';
import { formatPct } from './credit-format.ts';

type Net = DealCredits['lines'][number]['net'];

const PALETTE = ['relais', 'grape', 'cyan', 'orange', 'teal', 'pink', 'lime', 'indigo'];
export const personColor = (index: number) => `var(--mantine-color-${PALETTE[index % PALETTE.length]}-6)`;

/** Who holds what of a line once every dispute is counted: a bar (always 100 %) and the list beside it. */
export function NetShares({ net, currency, meId }: { net: Net; currency: string; meId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const shown = net.filter((n) => n.sharePct !== 0);
  return (
    <Stack gap={8} data-testid="net-shares">
      <Progress.Root size={22} radius="sm" aria-label={t('credit.netTitle')}>
        {shown.map((n, i) => (
          <Tooltip key={n.userId} label={`${n.userName} · ${formatPct(n.sharePct, lang)} · ${formatMoney(n.amountCents, lang, currency)}`}>
            <Progress.Section value={Math.max(0, n.sharePct)} color={personColor(i)}>
              {n.sharePct >= 12 && <Progress.Label fz={11}>{formatPct(n.sharePct, lang)}</Progress.Label>}
            </Progress.Section>
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap="lg" wrap="wrap">
        {shown.map((n, i) => (
          <Group key={n.userId} gap={6} wrap="nowrap" data-testid="net-share" data-user-id={n.userId} data-share={n.sharePct}>
            <ColorSwatch color={personColor(i)} size={12} withShadow={false} />
            <Text size="sm" fw={n.userId === meId ? 700 : 500}>{n.userId === meId ? t('credit.meNamed', { name: n.userName }) : n.userName}</Text>
            <Text size="sm" ff="monospace">{formatPct(n.sharePct, lang)}</Text>
            <Text size="sm" c="dimmed">{formatMoney(n.amountCents, lang, currency)}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
