import { Alert, Badge, Button, Card, Collapse, Divider, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGavel, IconMessageReport, IconPencil, IconScale } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  contestResponsibilityBody, decideResponsibilityBody, setResponsibilityBody, type CaseListItem, type ResponsibilityDispute, type ResponsibleUnitType,
} from '../../../../contract/cases.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useContestResponsibility } from '../api/use-contest-responsibility.ts';
import { useDecideResponsibility } from '../api/use-decide-responsibility.ts';
import { useSetResponsibility } from '../api/use-set-responsibility.ts';
import { showCaseRefusal, validateWith } from '../case-form.ts';
import { UnitPicker } from './unit-picker.tsx';

function UnitName({ unit }: { unit: { type: ResponsibleUnitType; name: string } }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Badge size="sm" variant="outline" color="gray" mt={1} style={{ flexShrink: 0, overflow: 'visible', maxWidth: 'none' }}>{t(`cases.unitType.${unit.type}`)}</Badge>
      <Text fw={650} size="sm" data-testid="case-responsibility-unit-name">{unit.name}</Text>
    </Group>
  );
}

function SetForm({ c, onDone }: { c: CaseListItem; onDone: () => void }) {
  const { t } = useTranslation();
  const set = useSetResponsibility();
  const current = c.responsibility?.unit;
  const form = useSchemaForm({ unitType: (current?.type ?? 'agency') as ResponsibleUnitType, unitId: null as string | null, note: '' });
  const v = form.values;

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(
      form,
      setResponsibilityBody,
      { version: c.version, unitType: v.unitType, unitId: v.unitId ?? '', note: v.note },
      { unitId: t('cases.responsibility.unitRequired'), note: t('cases.responsibility.noteRequired') },
    );
    if (!body) return;
    set.mutate(
      { id: c.id, body },
      {
        onSuccess: (u) => {
          notifications.show({ color: 'teal', message: t('cases.responsibility.saved', { unit: u.responsibility?.unit.name ?? '' }) });
          onDone();
        },
        onError: (error) => showCaseRefusal(form, t, error, ['unitId', 'unitType', 'note']),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="case-responsibility-form">
      <Stack gap="sm">
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <UnitPicker
          type={v.unitType}
          unitId={v.unitId}
          onType={(x) => form.setField('unitType', x)}
          onUnit={(x) => form.setField('unitId', x)}
          error={form.errors.unitId ?? form.errors.unitType}
          testId="case-responsibility"
          exclude={current?.id}
        />
        <Textarea
          label={t('cases.responsibility.note')}
          description={t('cases.responsibility.noteHelp')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={v.note}
          onChange={(e) => form.setField('note', e.currentTarget.value)}
          error={form.errors.note}
          data-testid="case-responsibility-note"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="submit" loading={set.isPending} data-testid="case-responsibility-submit">{t('cases.responsibility.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function ContestForm({ c, onDone }: { c: CaseListItem; onDone: () => void }) {
  const { t } = useTranslation();
  const contest = useContestResponsibility();
  const form = useSchemaForm({ justification: '' });

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(form, contestResponsibilityBody, { justification: form.values.justification }, { justification: t('cases.responsibility.contestTooShort') });
    if (!body) return;
    contest.mutate(
      { id: c.id, body },
      {
        onSuccess: (u) => {
          const arbiter = u.responsibility?.disputes.find((d) => d.status === 'open')?.arbiter?.name;
          notifications.show({ color: 'teal', message: arbiter ? t('cases.responsibility.contested', { arbiter }) : t('cases.responsibility.contestedNoArbiter') });
          onDone();
        },
        onError: (error) => showCaseRefusal(form, t, error, ['justification']),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="case-contest-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.responsibility.contestHelp')}</Text>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Textarea
          label={t('cases.responsibility.justification')}
          required
          autosize
          minRows={3}
          maxLength={5000}
          value={form.values.justification}
          onChange={(e) => form.setField('justification', e.currentTarget.value)}
          error={form.errors.justification}
          data-testid="case-contest-justification"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="submit" color="orange" leftSection={<IconMessageReport size={16} />} loading={contest.isPending} data-testid="case-contest-submit">{t('cases.responsibility.contest')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function DecideForm({ c, dispute }: { c: CaseListItem; dispute: ResponsibilityDispute }) {
  const { t } = useTranslation();
  const decide = useDecideResponsibility();
  const form = useSchemaForm({ outcome: 'upheld' as 'upheld' | 'moved', unitType: 'agency' as ResponsibleUnitType, unitId: null as string | null, justification: '' });
  const v = form.values;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (v.outcome === 'moved' && !v.unitId) {
      form.setErrors({ unitId: t('cases.responsibility.unitRequired') });
      return;
    }
    const body = validateWith(
      form,
      decideResponsibilityBody,
      { outcome: v.outcome, ...(v.outcome === 'moved' ? { unitType: v.unitType, unitId: v.unitId ?? '' } : {}), justification: v.justification },
      { justification: t('cases.responsibility.rulingTooShort'), unitId: t('cases.responsibility.unitRequired') },
    );
    if (!body) return;
    decide.mutate(
      { id: c.id, disputeId: dispute.id, body },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('cases.responsibility.decided') }),
        onError: (error) => showCaseRefusal(form, t, error, ['outcome', 'unitId', 'unitType', 'justification']),
      },
    );
  }

  return (
    <Paper withBorder p="md" radius="md" style={{ borderColor: 'var(--mantine-color-relais-4)' }}>
      <form onSubmit={submit} noValidate data-testid="case-decide-form">
        <Stack gap="sm">
          <Group gap="xs"><IconGavel size={18} /><Text fw={650}>{t('cases.responsibility.decideTitle')}</Text></Group>
          <Text size="sm" c="dimmed">{t('cases.responsibility.decideHelp', { name: dispute.contestedBy.name })}</Text>
          {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
          <SegmentedControl
            value={v.outcome}
            onChange={(x) => form.setField('outcome', x as 'upheld' | 'moved')}
            data={[
              { value: 'upheld', label: t('cases.responsibility.outcome.upheld') },
              { value: 'moved', label: t('cases.responsibility.outcome.moved') },
            ]}
            data-testid="case-decide-outcome"
          />
          {v.outcome === 'moved' && (
            <UnitPicker
              type={v.unitType}
              unitId={v.unitId}
              onType={(x) => form.setField('unitType', x)}
              onUnit={(x) => form.setField('unitId', x)}
              error={form.errors.unitId ?? form.errors.unitType}
              testId="case-decide"
              exclude={c.responsibility?.unit.id}
            />
          )}
          <Textarea
            label={t('cases.responsibility.ruling')}
            description={t('cases.responsibility.rulingHelp')}
            required
            autosize
            minRows={3}
            maxLength={5000}
            value={v.justification}
            onChange={(e) => form.setField('justification', e.currentTarget.value)}
            error={form.errors.justification}
            data-testid="case-decide-justification"
          />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconGavel size={16} />} loading={decide.isPending} data-testid="case-decide-submit">{t('cases.responsibility.decide')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DisputeEntry({ c, d }: { c: CaseListItem; d: ResponsibilityDispute }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="xs" data-testid="case-responsibility-dispute" data-dispute-id={d.id} data-status={d.status}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">
          <Text span fw={600} size="sm">{d.contestedBy.name}</Text> {t('cases.responsibility.contestedOn', { at: formatDateTime(d.filedAt, lang) })}
        </Text>
        <Badge
          size="sm"
          variant="light"
          color={d.status === 'open' ? 'orange' : d.outcome === 'moved' ? 'grape' : 'teal'}
          style={{ flexShrink: 0, overflow: 'visible', maxWidth: 'none' }}
          data-testid="case-dispute-status"
          data-outcome={d.outcome ?? undefined}
        >
          {d.status === 'open' ? t('cases.responsibility.disputeOpenShort') : t(`cases.responsibility.outcomeShort.${d.outcome ?? 'upheld'}`)}
        </Badge>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="case-dispute-justification">« {d.justification} »</Text>
      <Text size="xs" c="dimmed" data-testid="case-dispute-arbiter">
        {d.arbiter ? t('cases.responsibility.arbiter', { name: d.arbiter.name, level: t(`cases.responsibility.level.${d.level}`) }) : t('cases.responsibility.noArbiter', { level: t(`cases.responsibility.level.${d.level}`) })}
      </Text>
      {d.status === 'decided' && (
        <Paper p="sm" radius="md" bg="gray.0" data-testid="case-dispute-ruling">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {d.outcome === 'moved' && d.decidedUnit
                ? t('cases.responsibility.rulingMoved', { unit: d.decidedUnit.name })
                : t('cases.responsibility.rulingUpheld', { unit: d.decidedUnit?.name ?? c.responsibility?.unit.name ?? '' })}
            </Text>
            {d.decision && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>« {d.decision} »</Text>}
            <Text size="xs" c="dimmed">{t('cases.responsibility.decidedOn', { name: d.arbiter?.name ?? '—', at: formatDateTime(d.decidedAt, lang) })}</Text>
          </Stack>
        </Paper>
      )}
      {d.status === 'open' && d.canDecide && <DecideForm c={c} dispute={d} />}
    </Stack>
  );
}

/**
 * "Responsabilité": the unit held responsible for the problem (not the one handling the case), why, and who said so.
 * Who works the case records or changes it; a manager of the unit held responsible may contest it; the arbiter rules.
 */
export function ResponsibilityCard({ c }: { c: CaseListItem }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'view' | 'set' | 'contest'>('view');
  const r = c.responsibility;
  const a = c.abilities;
  const anyOpen = r?.disputes.some((d) => d.status === 'open') ?? false;
  if (!r && !a.setResponsibility) return null;

  return (
    <Card withBorder padding="lg" data-testid="case-responsibility">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Group gap="xs"><IconScale size={18} /><Title order={4}>{t('cases.responsibility.title')}</Title></Group>
        <Group gap="xs">
          {a.setResponsibility && mode === 'view' && (
            <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setMode('set')} data-testid="case-responsibility-edit">
              {r ? t('cases.responsibility.change') : t('cases.responsibility.set')}
            </Button>
          )}
          {a.contestResponsibility && mode === 'view' && (
            <Button size="xs" variant="light" color="orange" leftSection={<IconMessageReport size={14} />} onClick={() => setMode('contest')} data-testid="case-contest-open">
              {t('cases.responsibility.contest')}
            </Button>
          )}
        </Group>
      </Group>
      {r ? (
        <Stack gap={6} data-testid="case-responsibility-current" data-unit-id={r.unit.id}>
          <UnitName unit={r.unit} />
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="case-responsibility-note-text">{r.note}</Text>
          <Text size="xs" c="dimmed">{t('cases.responsibility.setBy', { name: r.setBy?.name ?? t('cases.timeline.system'), at: formatDateTime(r.setAt, i18n.language) })}</Text>
          {anyOpen && <Badge color="orange" variant="light" size="sm" data-testid="case-responsibility-contested">{t('cases.responsibility.underDispute')}</Badge>}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" data-testid="case-responsibility-none">{t('cases.responsibility.none')}</Text>
      )}
      <Collapse expanded={mode !== 'view'}>
        <Divider my="md" />
        {mode === 'set' && <SetForm c={c} onDone={() => setMode('view')} />}
        {mode === 'contest' && <ContestForm c={c} onDone={() => setMode('view')} />}
      </Collapse>
      {r && r.disputes.length > 0 && (
        <>
          <Divider my="md" label={t('cases.responsibility.disputes', { count: r.disputes.length })} labelPosition="left" />
          <Stack gap="md" data-testid="case-responsibility-disputes">
            {r.disputes.map((d) => <DisputeEntry key={d.id} c={c} d={d} />)}
          </Stack>
        </>
      )}
    </Card>
  );
}
