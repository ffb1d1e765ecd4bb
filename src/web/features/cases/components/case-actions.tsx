import { Alert, Badge, Button, Group, Loader, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle, IconArrowBackUp, IconArrowsExchange, IconChevronDown, IconCircleCheck, IconFlag, IconHandGrab, IconHourglass, IconLock,
  IconPlayerPlay, IconUserShare, type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem, CaseTransition } from '../../../../contract/cases.ts';
import { useCaseMembers } from '../api/get-case-members.ts';
import { useAssignCase } from '../api/use-assign-case.ts';
import { useTransitionCase } from '../api/use-transition-case.ts';
import { caseErrorText, isVersionConflict } from '../case-errors.ts';
import { ChangePriorityModal } from './change-priority-modal.tsx';
import { ResolveCaseModal } from './resolve-case-modal.tsx';
import { TransferCaseModal } from './transfer-case-modal.tsx';

const TRANSITIONS: Record<CaseTransition, { icon: Icon; color: string; variant: 'filled' | 'light' | 'default' }> = {
  start: { icon: IconPlayerPlay, color: 'relais', variant: 'filled' },
  resume: { icon: IconPlayerPlay, color: 'relais', variant: 'filled' },
  wait_customer: { icon: IconHourglass, color: 'yellow', variant: 'light' },
  resolve: { icon: IconCircleCheck, color: 'teal', variant: 'filled' },
  close: { icon: IconLock, color: 'gray', variant: 'light' },
  reopen: { icon: IconArrowBackUp, color: 'orange', variant: 'light' },
};

/** The pool's members, loaded when the menu opens: who is available and how many open cases each holds. */
function AssignMenu({ c, onAssign, busy }: { c: CaseListItem; onAssign: (userId: string, name: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const members = useCaseMembers(c.id, opened);
  const items = [...(members.data?.items ?? [])].sort((a, b) => Number(b.available) - Number(a.available) || a.openCases - b.openCases || a.name.localeCompare(b.name));
  return (
    <Menu opened={opened} onChange={setOpened} position="bottom-start" width={300} shadow="md" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconUserShare size={16} />} rightSection={<IconChevronDown size={14} />} loading={busy} data-testid="case-assign">
          {t('cases.actions.assign')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="case-assign-menu">
        <Menu.Label>{t('cases.assign.label', { pool: c.pool.name })}</Menu.Label>
        {members.isPending ? (
          <Group justify="center" p="sm"><Loader size="sm" /></Group>
        ) : members.isError ? (
          <Text size="sm" c="red" p="sm">{caseErrorText(t, members.error)}</Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">{t('cases.assign.empty')}</Text>
        ) : (
          items.map((m) => (
            <Menu.Item
              key={m.id}
              disabled={!m.available || m.id === c.assignee?.id}
              onClick={() => onAssign(m.id, m.name)}
              data-testid="case-assign-member"
              data-user-id={m.id}
              data-available={m.available || undefined}
              rightSection={
                <Group gap={4} wrap="nowrap">
                  {m.id === c.assignee?.id && <Badge size="xs" variant="light">{t('cases.assign.current')}</Badge>}
                  {!m.available && <Badge size="xs" color="gray" variant="light">{t('cases.assign.unavailable')}</Badge>}
                </Group>
              }
            >
              <Text size="sm" fw={500}>{m.name}</Text>
              <Text size="xs" c="dimmed">{t('cases.assign.load', { count: m.openCases })}</Text>
            </Menu.Item>
          ))
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * What the reader may do with the case now, from the abilities the server sent: each allowed transition (resolve
 * asks for the summary), take it, give it to someone (managers), transfer it, change its priority. A refusal shows
 * above the buttons; a version conflict reloads the case so the next try carries the new version.
 */
export function CaseActions({ c, meId }: { c: CaseListItem; meId: string }) {
  const { t } = useTranslation();
  const transition = useTransitionCase();
  const assign = useAssignCase();
  const [resolving, resolve] = useDisclosure(false);
  const [transferring, transfer] = useDisclosure(false);
  const [prioritising, prioritise] = useDisclosure(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const a = c.abilities;

  const fail = (e: unknown) => setError({ text: caseErrorText(t, e), conflict: isVersionConflict(e) });

  function apply(name: CaseTransition) {
    setError(null);
    if (name === 'resolve') {
      resolve.open();
      return;
    }
    transition.mutate(
      { id: c.id, body: { version: c.version, transition: name } },
      { onSuccess: (u) => notifications.show({ color: 'teal', message: t(`cases.transitionDone.${name}`, { reference: u.reference }) }), onError: fail },
    );
  }

  function assignTo(userId: string, name: string) {
    setError(null);
    assign.mutate(
      { id: c.id, body: { version: c.version, assigneeId: userId } },
      {
        onSuccess: (u) => notifications.show({ color: 'teal', message: userId === meId ? t('cases.queue.taken', { reference: u.reference }) : t('cases.assign.done', { reference: u.reference, name }) }),
        onError: fail,
      },
    );
  }

  const nothing = a.transitions.length === 0 && !a.take && !a.assign && !a.transfer && !a.changePriority;
  if (nothing) return null;

  return (
    <>
      {error && (
        <Alert
          color={error.conflict ? 'orange' : 'red'}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          mb="sm"
          withCloseButton
          onClose={() => setError(null)}
          data-testid="case-action-error"
          data-conflict={error.conflict || undefined}
        >
          {error.text}
        </Alert>
      )}
      <Group gap="sm" wrap="wrap" data-testid="case-actions">
        {a.transitions.map((name) => {
          const look = TRANSITIONS[name];
          return (
            <Button
              key={name}
              color={look.color}
              variant={look.variant}
              leftSection={<look.icon size={16} />}
              loading={transition.isPending && transition.variables?.body.transition === name}
              disabled={transition.isPending}
              onClick={() => apply(name)}
              data-testid={`case-transition-${name}`}
            >
              {t(`cases.transition.${name}`)}
            </Button>
          );
        })}
        {a.take && (
          <Button color="orange" variant="light" leftSection={<IconHandGrab size={16} />} loading={assign.isPending && assign.variables?.body.assigneeId === meId} onClick={() => assignTo(meId, '')} data-testid="case-take">
            {t('cases.actions.take')}
          </Button>
        )}
        {a.assign && <AssignMenu c={c} onAssign={assignTo} busy={assign.isPending && assign.variables?.body.assigneeId !== meId} />}
        {a.transfer && (
          <Button variant="default" leftSection={<IconArrowsExchange size={16} />} onClick={() => { setError(null); transfer.open(); }} data-testid="case-transfer">
            {t('cases.actions.transfer')}
          </Button>
        )}
        {a.changePriority && (
          <Button variant="default" leftSection={<IconFlag size={16} />} onClick={() => { setError(null); prioritise.open(); }} data-testid="case-change-priority">
            {t('cases.actions.changePriority')}
          </Button>
        )}
      </Group>
      <ResolveCaseModal c={c} opened={resolving} onClose={resolve.close} />
      <TransferCaseModal c={c} opened={transferring} onClose={transfer.close} />
      <ChangePriorityModal c={c} opened={prioritising} onClose={prioritise.close} />
    </>
  );
}
