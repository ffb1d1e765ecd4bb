import { Badge, Blockquote, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconFlag, IconGavel, IconLock, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dispute } from '../../../../contract/credit.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { formatPct } from './credit-format.ts';

type Ruling = Dispute['rulings'][number];

function Person({ label, name, me, extra, testId }: { label: string; name: string; me: boolean; extra?: ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" wrap="nowrap" data-testid={testId}>
      <ThemeIcon variant="light" radius="xl" size={36} color={me ? 'relais' : 'gray'}><IconUser size={18} /></ThemeIcon>
      <Stack gap={0}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{label}</Text>
        <Text fw={600}>{me ? t('credit.meNamed', { name }) : name}</Text>
        {extra}
      </Stack>
    </Group>
  );
}

/** Who claims what from whom, before whom, and the claim in the claimant's words. */
export function DisputeClaim({ dispute, meId }: { dispute: Dispute; meId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="lg" data-testid="dispute-claim-card">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" mb="md">
        <Person testId="dispute-claimant" label={t('disputes.claimant')} name={dispute.claimant.name} me={dispute.claimant.id === meId} />
        <Person
          testId="dispute-counterparty-person"
          label={t('disputes.counterpartyLabel')}
          name={dispute.counterparty.name}
          me={dispute.counterparty.id === meId}
          extra={<Text size="xs" c="dimmed">{t('disputes.requestedFrom', { share: formatPct(dispute.requestedPct, i18n.language) })}</Text>}
        />
        <Person
          testId="dispute-arbiter"
          label={t('disputes.arbiter')}
          name={dispute.arbiter.name}
          me={dispute.arbiter.id === meId}
          extra={<Text size="xs" c="dimmed">{t(`disputes.level.${dispute.arbiterLevel}`)}</Text>}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3} mb={4}>
        {dispute.claimant.id === meId ? t('disputes.claim') : t('disputes.claimOf', { name: dispute.claimant.name })}
      </Text>
      <Blockquote color="relais" p="md" data-testid="dispute-claim-text" style={{ whiteSpace: 'pre-wrap' }}>
        <Text size="sm" lh={1.6}>{dispute.claim}</Text>
      </Blockquote>
    </Card>
  );
}

/** One written decision: who, at which level, how much, and why. */
function RulingCard({ ruling, dispute }: { ruling: Ruling; dispute: Dispute }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const none = ruling.awardedPct === 0;
  const full = ruling.awardedPct >= dispute.requestedPct;
  return (
    <Card withBorder padding="md" data-testid={`ruling-${ruling.round}`} data-awarded={ruling.awardedPct}>
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Group gap="xs">
          <Badge variant="light" color={ruling.round === 1 ? 'relais' : 'grape'}>{t(`disputes.round.${ruling.round === 1 ? 'first' : 'appeal'}`)}</Badge>
          <Text fw={600}>{ruling.arbiter.name}</Text>
          <Text size="sm" c="dimmed">{t(`disputes.level.${ruling.level}`)}</Text>
        </Group>
        <Text size="sm" c="dimmed">{formatDateTime(ruling.decidedAt, lang)}</Text>
      </Group>
      <Text fw={650} c={none ? 'gray.7' : full ? 'teal.8' : 'orange.8'} mb={6} data-testid="ruling-outcome">
        {none
          ? t('disputes.rulingNone', { counterparty: dispute.counterparty.name })
          : t('disputes.rulingAwarded', { share: formatPct(ruling.awardedPct, lang), requested: formatPct(dispute.requestedPct, lang), from: dispute.counterparty.name, to: dispute.claimant.name })}
      </Text>
      <Text size="sm" lh={1.6} style={{ whiteSpace: 'pre-wrap' }} data-testid="ruling-justification">« {ruling.justification} »</Text>
    </Card>
  );
}

export function DisputeRulings({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="dispute-rulings">
      <Title order={4}>{t('disputes.rulings')}</Title>
      {dispute.rulings.length === 0 ? (
        <Text size="sm" c="dimmed">{t('disputes.noRuling', { arbiter: dispute.arbiter.name })}</Text>
      ) : (
        [...dispute.rulings].sort((a, b) => a.round - b.round).map((r) => <RulingCard key={r.round} ruling={r} dispute={dispute} />)
      )}
    </Stack>
  );
}

/** Filed → decided → (appealed → decided on appeal) → final, with who and when. */
export function DisputeTimeline({ dispute }: { dispute: Dispute }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const first = dispute.rulings.find((r) => r.round === 1);
  const second = dispute.rulings.find((r) => r.round === 2);
  const appealed = dispute.appealedBy !== null || dispute.status === 'appealed' || !!second;
  const steps: Array<{ key: string; icon: ReactNode; title: string; body?: ReactNode; done: boolean }> = [
    { key: 'filed', icon: <IconFlag size={14} />, title: t('disputes.steps.filed'), body: t('disputes.steps.filedBody', { name: dispute.claimant.name, at: formatDateTime(dispute.filedAt, lang) }), done: true },
    {
      key: 'decided',
      icon: <IconGavel size={14} />,
      title: t('disputes.steps.decided'),
      body: first ? t('disputes.steps.decidedBody', { name: first.arbiter.name, at: formatDateTime(first.decidedAt, lang) }) : t('disputes.steps.waiting', { name: dispute.arbiter.name }),
      done: !!first,
    },
  ];
  if (appealed) {
    steps.push({
      key: 'appealed',
      icon: <IconArrowBackUp size={14} />,
      title: t('disputes.steps.appealed'),
      body: (
        <Stack gap={2}>
          {dispute.appealedBy && <Text size="sm">{t('disputes.steps.appealedBody', { name: dispute.appealedBy.name })}</Text>}
          {dispute.appealReason && <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} data-testid="appeal-reason-text">« {dispute.appealReason} »</Text>}
        </Stack>
      ),
      done: true,
    });
    steps.push({
      key: 'decided-appeal',
      icon: <IconGavel size={14} />,
      title: t('disputes.steps.decidedAppeal'),
      body: second ? t('disputes.steps.decidedBody', { name: second.arbiter.name, at: formatDateTime(second.decidedAt, lang) }) : t('disputes.steps.waiting', { name: dispute.arbiter.name }),
      done: !!second,
    });
  }
  steps.push({
    key: 'final',
    icon: <IconLock size={14} />,
    title: t('disputes.steps.final'),
    body: dispute.status === 'final' ? t('disputes.steps.finalBody') : dispute.status === 'decided' ? t('disputes.steps.finalPending') : undefined,
    done: dispute.status === 'final',
  });
  const active = steps.reduce((last, s, i) => (s.done ? i : last), 0);
  return (
    <Card withBorder padding="lg" data-testid="dispute-timeline">
      <Title order={4} mb="md">{t('disputes.timeline')}</Title>
      <Timeline active={active} bulletSize={26} lineWidth={2}>
        {steps.map((s) => (
          <Timeline.Item key={s.key} bullet={s.done ? (s.key === 'final' ? <IconCheck size={14} /> : s.icon) : s.icon} title={s.title} data-testid={`dispute-step-${s.key}`} data-done={s.done}>
            {typeof s.body === 'string' ? <Text size="sm" c="dimmed">{s.body}</Text> : s.body}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
