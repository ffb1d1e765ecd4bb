import { Alert, Button, Card, Grid, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlayerPlay, IconUserCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/errors.ts';
import { formatDateTime, parisLocalToIso } from '../../../lib/format.ts';
import { RoutingReasonText } from '../../leads/components/routing-reason.tsx';
import type { RoutingRule } from '../api/get-routing-rules.ts';
import { useSimulateRouting } from '../api/use-simulate-routing.ts';
import { AccountPicker } from './account-picker.tsx';
import { ruleText } from './rule-text.ts';

/** "Who would get a lead on this account now (or then), and why" — with the live rule. */
export function SimulateCard({ rules }: { rules: RoutingRule[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [account, setAccount] = useState<{ id: string; name: string } | null>(null);
  const [at, setAt] = useState('');
  const [missing, setMissing] = useState(false);
  const simulate = useSimulateRouting();
  const r = simulate.data;
  const quoted = r && rules.find((x) => x.version === r.rule.version && x.text === r.rule.text);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!account) return setMissing(true);
    simulate.mutate({ accountId: account.id, at: at ? parisLocalToIso(at) : undefined });
  }

  return (
    <Card withBorder padding="lg" data-testid="simulate-card">
      <Title order={4} mb={4}>{t('rules.simulateTitle')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('rules.simulateHelp')}</Text>
      <form onSubmit={submit} noValidate>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, xl: 6 }}>
            <AccountPicker testId="simulate-account" value={account} onChange={(a) => { setAccount(a); setMissing(false); }} error={missing ? t('rules.pickAccount') : undefined} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8, xl: 4 }}>
            <TextInput type="datetime-local" label={t('rules.at')} description={t('rules.atHelp')} data-testid="simulate-at" value={at} onChange={(e) => setAt(e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, xl: 2 }}>
            <Button type="submit" fullWidth leftSection={<IconPlayerPlay size={16} />} loading={simulate.isPending} data-testid="simulate-submit">{t('rules.simulate')}</Button>
          </Grid.Col>
        </Grid>
      </form>
      {simulate.isError && <Alert color="red" variant="light" mt="md">{errorText(t, simulate.error)}</Alert>}
      {r && (
        <Alert color={r.assigneeId ? 'teal' : 'orange'} variant="light" mt="md" icon={<IconUserCheck size={18} />} title={r.assigneeName ? t('rules.wouldGo', { name: r.assigneeName }) : t('rules.nobody')} data-testid="simulate-result">
          <Stack gap="xs">
            <RoutingReasonText reason={r.reason} assigneeName={r.assigneeName} />
            <Group gap="xl">
              <Text size="sm"><Text span fw={600} size="sm">{t('leads.due')} :</Text> {formatDateTime(r.dueAt, lang)}</Text>
              <Text size="sm"><Text span fw={600} size="sm">{t('lead.warnAt')} :</Text> {formatDateTime(r.warnAt, lang)}</Text>
            </Group>
            <Text size="xs" c="dimmed" data-testid="simulate-rule">
              {t('rules.quoted', { version: r.rule.version })} {quoted ? ruleText(t, lang, quoted) : r.rule.text}
            </Text>
          </Stack>
        </Alert>
      )}
    </Card>
  );
}
