import { Anchor, Button, Group, Kbd, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconHandGrab, IconKeyboard, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CaseListItem } from '../../../../contract/cases.ts';
import { paths } from '../../../lib/paths.ts';
import { useAssignCase } from '../api/use-assign-case.ts';
import { useTransitionCase } from '../api/use-transition-case.ts';
import { caseErrorText } from '../case-errors.ts';
import { activeClock } from '../case-sla.ts';
import { CasePriorityBadge, CaseStatusBadge, CaseTypeBadge, PingPongBadge } from './case-badges.tsx';
import { SlaCountdown } from './sla-countdown.tsx';

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'number', 'tel', 'url', 'password', 'date', 'datetime-local', 'time']);

/** True where a key press is typing (text fields, text areas, selects, editable content), not a command. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/** Controls that use the arrows themselves (tabs, segmented controls, menus, fields). */
const ARROW_OWNERS = 'a[href], button, input, textarea, select, [role="tab"], [role="radio"], [role="option"], [role="menuitem"], [role="combobox"], [role="switch"], [role="checkbox"]';
/** Controls that act on Enter (links, buttons, fields); a tab, a switch or a segmented control does nothing more with it. */
const ENTER_OWNERS = 'a[href], button:not([role="tab"]), textarea, select, input:not([type="radio"]):not([type="checkbox"]), [role="option"], [role="menuitem"], [role="combobox"]';
const owns = (selector: string, target: EventTarget | null) => target instanceof HTMLElement && target.closest(selector) !== null;
const inDialog = (target: EventTarget | null) => target instanceof HTMLElement && target.closest('[role="dialog"]') !== null;

interface Props {
  items: CaseListItem[];
  now: number;
  /** The signed-in person: "take" assigns the case to them. */
  meId: string;
  /** Managers see which cases bounced between pools. */
  showPingPong: boolean;
  /** While the queue holds more than the pages loaded: how many in all, and the next page's loading. */
  more: { total: number; loading: boolean; load: () => void } | null;
}

/**
 * The queue: one row per case, the most urgent first (or as sorted), "Show more" below while there are more.
 * Keyboard triage over every row loaded: j/k or arrows move, Enter opens, t takes the case, s starts it, ? lists
 * the keys; keys typed in a field are left alone.
 */
export function CaseQueue({ items, now, meId, showPingPong, more }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const assign = useAssignCase();
  const transition = useTransitionCase();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const index = Math.max(0, items.findIndex((c) => c.id === selectedId));
  const current = items[index];

  function take(c: CaseListItem) {
    if (!c.abilities.take) return;
    assign.mutate(
      { id: c.id, body: { version: c.version, assigneeId: meId } },
      {
        onSuccess: (u) => notifications.show({ color: 'teal', message: t('cases.queue.taken', { reference: u.reference }) }),
        onError: (error) => notifications.show({ color: 'red', message: caseErrorText(t, error) }),
      },
    );
  }

  function start(c: CaseListItem) {
    if (!c.abilities.transitions.includes('start')) return;
    transition.mutate(
      { id: c.id, body: { version: c.version, transition: 'start' } },
      {
        onSuccess: (u) => notifications.show({ color: 'teal', message: t('cases.queue.started', { reference: u.reference }) }),
        onError: (error) => notifications.show({ color: 'red', message: caseErrorText(t, error) }),
      },
    );
  }

  // One listener for the page's life; it reads the latest rows and selection through a ref.
  const latest = useRef({ items, index, current, help, take, start });
  useEffect(() => {
    latest.current = { items, index, current, help, take, start };
  });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const { items: rows, index: at, current: c, help: helping } = latest.current;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (helping || inDialog(event.target) || isTyping(event.target)) return;
      const select = (i: number) => {
        const row = rows[Math.max(0, Math.min(rows.length - 1, i))];
        if (row) setSelectedId(row.id);
      };
      switch (event.key) {
        case 'j':
        case 'k':
          event.preventDefault();
          select(at + (event.key === 'j' ? 1 : -1));
          return;
        case 'ArrowDown':
        case 'ArrowUp':
          if (owns(ARROW_OWNERS, event.target)) return;
          event.preventDefault();
          select(at + (event.key === 'ArrowDown' ? 1 : -1));
          return;
        case 'Enter':
          if (owns(ENTER_OWNERS, event.target) || !c) return;
          event.preventDefault();
          navigate(paths.case(c.id));
          return;
        case 't':
          if (!c) return;
          event.preventDefault();
          latest.current.take(c);
          return;
        case 's':
          if (!c) return;
          event.preventDefault();
          latest.current.start(c);
          return;
        case '?':
          event.preventDefault();
          setHelp(true);
          return;
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  useEffect(() => {
    if (current && selectedId) document.querySelector(`[data-testid="case-row"][data-case-id="${current.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current, selectedId]);

  const busy = (c: CaseListItem) => (assign.isPending && assign.variables?.id === c.id) || (transition.isPending && transition.variables?.id === c.id);

  return (
    <Stack gap={0} data-testid="case-queue">
      <Table.ScrollContainer minWidth={1080}>
        <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.columns.reference')}</Table.Th>
              <Table.Th>{t('cases.columns.priority')}</Table.Th>
              <Table.Th>{t('cases.columns.subject')}</Table.Th>
              <Table.Th>{t('cases.columns.account')}</Table.Th>
              <Table.Th>{t('cases.columns.assignee')}</Table.Th>
              <Table.Th>{t('cases.columns.status')}</Table.Th>
              <Table.Th>{t('cases.columns.deadline')}</Table.Th>
              <Table.Th ta="center">{t('cases.columns.transfers')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c, i) => {
              const selected = i === index;
              const late = activeClock(c, now).state === 'breached';
              return (
                <Table.Tr
                  key={c.id}
                  data-testid="case-row"
                  data-case-id={c.id}
                  data-reference={c.reference}
                  data-status={c.status}
                  data-priority={c.priority}
                  data-selected={selected || undefined}
                  data-late={late || undefined}
                  aria-selected={selected}
                  onClick={() => setSelectedId(c.id)}
                  onDoubleClick={() => navigate(paths.case(c.id))}
                  bg={selected ? 'relais.0' : late ? 'red.0' : undefined}
                  style={{ cursor: 'pointer', boxShadow: selected ? 'inset 3px 0 0 var(--mantine-color-relais-6)' : undefined }}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={paths.case(c.id)} size="sm" fw={650} ff="monospace" data-testid="case-row-link">{c.reference}</Anchor>
                  </Table.Td>
                  <Table.Td><CasePriorityBadge priority={c.priority} testId="case-row-priority" /></Table.Td>
                  <Table.Td miw={170} maw={340}>
                    <Group gap={6} wrap="nowrap" mb={2}><CaseTypeBadge type={c.type} size="xs" /></Group>
                    <Text size="sm" fw={500} lineClamp={1} data-testid="case-row-subject">{c.subject}</Text>
                  </Table.Td>
                  <Table.Td miw={130} maw={220}>
                    <Anchor component={Link} to={paths.account(c.account.id)} size="sm" onClick={(e) => e.stopPropagation()} lineClamp={1}>{c.account.name}</Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1}>{c.pool.name}</Text>
                  </Table.Td>
                  <Table.Td miw={110} data-testid="case-row-assignee">
                    {c.assignee ? <Text size="sm">{c.assignee.name}</Text> : <Text size="sm" c="orange.7" fw={500}>{t('cases.unassigned')}</Text>}
                  </Table.Td>
                  <Table.Td><CaseStatusBadge status={c.status} size="xs" testId="case-row-status" /></Table.Td>
                  <Table.Td><SlaCountdown c={c} now={now} /></Table.Td>
                  <Table.Td ta="center" data-testid="case-row-transfers">
                    <Stack gap={2} align="center">
                      <Text size="sm" c={c.transfers.count ? undefined : 'dimmed'}>{c.transfers.count}</Text>
                      {showPingPong && c.transfers.pingPong && <PingPongBadge size="xs" />}
                    </Stack>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {c.abilities.take && (
                        <Tooltip label={<Kbd size="xs">t</Kbd>} withArrow openDelay={400}>
                          <Button size="compact-xs" variant="light" color="orange" leftSection={<IconHandGrab size={12} />} loading={busy(c)} onClick={() => take(c)} data-testid="case-row-take">
                            {t('cases.actions.take')}
                          </Button>
                        </Tooltip>
                      )}
                      {c.abilities.transitions.includes('start') && (
                        <Tooltip label={<Kbd size="xs">s</Kbd>} withArrow openDelay={400}>
                          <Button size="compact-xs" variant="light" leftSection={<IconPlayerPlay size={12} />} loading={busy(c)} onClick={() => start(c)} data-testid="case-row-start">
                            {t('cases.queue.start')}
                          </Button>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify={more ? 'space-between' : 'flex-end'} px="md" py="xs">
        {more && (
          <Group gap="sm">
            <Button variant="default" size="xs" leftSection={<IconChevronDown size={14} />} loading={more.loading} onClick={more.load} data-testid="cases-more">
              {t('cases.queue.more')}
            </Button>
            <Text size="xs" c="dimmed">{t('cases.queue.shownOfTotal', { shown: items.length, count: more.total })}</Text>
          </Group>
        )}
        <Button variant="subtle" size="compact-xs" color="gray" leftSection={<IconKeyboard size={14} />} onClick={() => setHelp(true)} data-testid="case-shortcuts-open">
          {t('cases.shortcuts.hint')}
        </Button>
      </Group>
      <ShortcutsModal opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}

function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const rows: Array<[string[], string]> = [
    [['j', '↓'], t('cases.shortcuts.down')],
    [['k', '↑'], t('cases.shortcuts.up')],
    [[t('common.enterKey')], t('cases.shortcuts.open')],
    [['t'], t('cases.shortcuts.take')],
    [['s'], t('cases.shortcuts.start')],
    [['?'], t('cases.shortcuts.help')],
  ];
  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.shortcuts.title')} size="sm">
      <Stack gap="xs" data-testid="case-shortcuts">
        {rows.map(([keys, label]) => (
          <Group key={label} justify="space-between" wrap="nowrap">
            <Text size="sm">{label}</Text>
            <Group gap={4}>{keys.map((k) => <Kbd key={k} size="sm">{k}</Kbd>)}</Group>
          </Group>
        ))}
        <Text size="xs" c="dimmed" mt="xs">{t('cases.shortcuts.typing')}</Text>
      </Stack>
    </Modal>
  );
}
