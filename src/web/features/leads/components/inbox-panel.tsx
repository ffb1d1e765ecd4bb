import { Button, Group, Kbd, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconConfetti, IconTransform, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Lead } from '../../../../contract/leads.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { errorText } from '../../../lib/errors.ts';
import { paths } from '../../../lib/paths.ts';
import { useLeads } from '../api/get-leads.ts';
import { useAcceptLead } from '../api/use-accept-lead.ts';
import { ConvertLeadModal } from './convert-lead-modal.tsx';
import { isLate, useNow } from './due-countdown.tsx';
import { LeadCard } from './lead-card.tsx';
import { RejectLeadModal } from './reject-lead-modal.tsx';

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'number', 'tel', 'url', 'password', 'date', 'datetime-local', 'time']);

/** True where a key press is typing (text fields, text areas, selects, editable content), not a command. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/**
 * "Ma journée": the leads I must qualify, late ones first, then by deadline. Keyboard triage:
 * j/k or arrows to move, a accept, r reject (reason dialog), c convert, x select, Shift+A accept the selection.
 */
export function InboxPanel() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = useNow();
  const inbox = useLeads({ view: 'inbox' });
  const accept = useAcceptLead();
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<Lead | null>(null);
  const [converting, setConverting] = useState<Lead | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);

  const items = useMemo(() => {
    const all = inbox.data?.pages.flatMap((p) => p.items) ?? [];
    return all
      .filter((l) => l.status === 'new')
      .sort((a, b) => Number(isLate(b, now)) - Number(isLate(a, now)) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  }, [inbox.data, now]);
  const lateCount = items.filter((l) => isLate(l, now)).length;
  const index = Math.min(cursor, Math.max(0, items.length - 1));
  const current = items[index];
  const dialogOpen = rejecting !== null || converting !== null;

  // Drop selections of leads that left the inbox.
  useEffect(() => {
    setSelected((s) => {
      const ids = new Set(items.map((l) => l.id));
      const next = new Set([...s].filter((id) => ids.has(id)));
      return next.size === s.size ? s : next;
    });
  }, [items]);

  useEffect(() => {
    if (current) document.querySelector(`[data-testid="inbox-row"][data-lead-id="${current.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  function acceptOne(lead: Lead) {
    accept.mutate(
      { id: lead.id, version: lead.version },
      {
        onSuccess: (l) => notifications.show({ color: 'teal', message: t('triage.accepted', { product: l.productName, account: l.accountName }) }),
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );
  }

  async function acceptSelected() {
    const chosen = items.filter((l) => selected.has(l.id));
    if (!chosen.length) return;
    setBulkBusy(true);
    let ok = 0;
    const failures: string[] = [];
    for (const lead of chosen) {
      try {
        await accept.mutateAsync({ id: lead.id, version: lead.version });
        ok++;
      } catch (error) {
        failures.push(`${lead.accountName} : ${errorText(t, error)}`);
      }
    }
    setBulkBusy(false);
    setSelected(new Set());
    notifications.show({ color: failures.length ? 'orange' : 'teal', message: t('triage.bulkAccepted', { count: ok }) + (failures.length ? ` — ${failures.join(' ; ')}` : '') });
  }

  // Mantine's hotkeys skip every <input>, checkboxes included: once a row's checkbox or the language switch had
  // the focus, triage keys would die. So we let them through and skip only where people type.
  const guard = (fn: () => void) => (event: KeyboardEvent) => {
    if (dialogOpen || bulkBusy || isTyping(event.target)) return;
    event.preventDefault();
    fn();
  };
  const move = (delta: number) => guard(() => setCursor(Math.max(0, Math.min(items.length - 1, index + delta))));
  const toggle = (id: string, on?: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  const keep = { preventDefault: false };
  useHotkeys(
    [
      ['j', move(1), keep],
      ['ArrowDown', move(1), keep],
      ['k', move(-1), keep],
      ['ArrowUp', move(-1), keep],
      ['a', guard(() => current && current.abilities.accept && acceptOne(current)), keep],
      ['r', guard(() => current && current.abilities.reject && setRejecting(current)), keep],
      ['c', guard(() => current && current.abilities.convert && setConverting(current)), keep],
      ['x', guard(() => current && toggle(current.id)), keep],
      ['shift+A', guard(() => void acceptSelected()), keep],
      ['o', guard(() => current && navigate(paths.lead(current.id))), keep],
    ],
    [],
  );

  if (inbox.isPending) return <Stack gap="sm">{[0, 1, 2].map((i) => <Skeleton key={i} h={110} radius="md" />)}</Stack>;
  if (inbox.isError) return <ErrorBlock error={inbox.error} onRetry={() => inbox.refetch()} />;

  return (
    <Stack gap="sm" data-testid="inbox">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Text size="sm" fw={600} data-testid="inbox-count">{t('myDay.toQualify', { count: items.length })}</Text>
          {lateCount > 0 && <Text size="sm" fw={600} c="red.7" data-testid="inbox-late-count">{t('myDay.lateCount', { count: lateCount })}</Text>}
        </Group>
        <Group gap="xs">
          {selected.size > 0 && (
            <Button size="xs" leftSection={<IconCheck size={14} />} loading={bulkBusy} onClick={() => void acceptSelected()} data-testid="bulk-accept">
              {t('triage.acceptSelected', { count: selected.size })}
            </Button>
          )}
          <Text size="xs" c="dimmed" visibleFrom="md">
            <Kbd size="xs">j</Kbd>/<Kbd size="xs">k</Kbd> {t('triage.keyMove')} · <Kbd size="xs">a</Kbd> {t('triage.accept')} · <Kbd size="xs">r</Kbd> {t('triage.reject')} · <Kbd size="xs">c</Kbd> {t('triage.convertShort')} · <Kbd size="xs">x</Kbd> {t('triage.keySelect')} · <Kbd size="xs">⇧ A</Kbd> {t('triage.keyAcceptAll')}
          </Text>
        </Group>
      </Group>
      {items.length === 0 ? (
        <EmptyBlock icon={<IconConfetti />} title={t('myDay.emptyTitle')} description={t('myDay.emptyHelp')} />
      ) : (
        items.map((lead, i) => (
          <LeadCard
            key={lead.id}
            lead={lead}
            now={now}
            testId="inbox-row"
            focused={i === index}
            onFocus={() => setCursor(i)}
            selected={selected.has(lead.id)}
            onSelect={(on) => toggle(lead.id, on)}
            actions={
              <Group gap={6} wrap="nowrap">
                <Tooltip label={<><Kbd size="xs">a</Kbd></>} withArrow openDelay={400}>
                  <Button size="compact-sm" color="teal" variant="light" leftSection={<IconCheck size={14} />} disabled={!lead.abilities.accept} loading={accept.isPending && accept.variables?.id === lead.id} onClick={() => acceptOne(lead)} data-testid="lead-accept">
                    {t('triage.accept')}
                  </Button>
                </Tooltip>
                <Button size="compact-sm" color="red" variant="light" leftSection={<IconX size={14} />} disabled={!lead.abilities.reject} onClick={() => setRejecting(lead)} data-testid="lead-reject">
                  {t('triage.reject')}
                </Button>
                <Button size="compact-sm" color="grape" variant="light" leftSection={<IconTransform size={14} />} disabled={!lead.abilities.convert} onClick={() => setConverting(lead)} data-testid="lead-convert">
                  {t('triage.convertShort')}
                </Button>
              </Group>
            }
          />
        ))
      )}
      {inbox.hasNextPage && <LoadMoreButton hasMore loading={inbox.isFetchingNextPage} onClick={() => inbox.fetchNextPage()} />}
      <RejectLeadModal lead={rejecting} onClose={() => setRejecting(null)} />
      <ConvertLeadModal lead={converting} onClose={() => setConverting(null)} />
    </Stack>
  );
}
