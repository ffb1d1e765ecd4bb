// Pieces every versioned rule on the Rules page shows the same way: a card with its heading, the version in force
// with its date and author, a later version waiting for its date, the admin's edit button, the forms' footer.
import { ActionIcon, Badge, Button, Card, Group, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconClockHour4, IconPencil, IconUpload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../../../contract/values.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { ruleTextIn } from './sales-rule-text.ts';

export interface RuleStamp {
  version: number;
  effectiveFrom: string | null;
  authorName: string | null;
}

/** Version, author and effective date of the rule in force; "règle par défaut" for a built-in one. */
export function RuleProvenance({ rule, isDefault, testId = 'rule-version' }: { rule: RuleStamp; isDefault: boolean; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Badge size="sm" variant="light" color={isDefault ? 'gray' : 'relais'} data-testid={testId} style={{ minWidth: 'max-content' }}>
        {isDefault ? t('salesRules.defaultVersion') : t('salesRules.version', { version: rule.version })}
      </Badge>
      {!isDefault && (
        <Text size="xs" c="dimmed">{t('salesRules.since', { at: formatDateTime(rule.effectiveFrom, i18n.language), name: rule.authorName ?? t('salesRules.system') })}</Text>
      )}
    </Group>
  );
}

/** A later version already published for the same rule, waiting for its date. */
export function ScheduledBadge({ next, testId = 'rule-scheduled' }: { next: (RuleStamp & { text: Bilingual }) | undefined; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!next) return null;
  return (
    <Tooltip label={<Text size="xs" style={{ whiteSpace: 'pre-line' }}>{ruleTextIn(next.text, i18n.language)}</Text>} multiline w={320}>
      <Badge size="sm" variant="outline" color="orange" leftSection={<IconClockHour4 size={12} />} data-testid={testId}>
        {t('salesRules.scheduled', { version: next.version, at: formatDateTime(next.effectiveFrom, i18n.language) })}
      </Badge>
    </Tooltip>
  );
}

/** A small icon button with its label as tooltip and accessible name. */
export function RuleIconButton({ label, onClick, testId, icon, variant = 'light', color, disabled }: { label: string; onClick: () => void; testId: string; icon: ReactNode; variant?: 'light' | 'subtle'; color?: string; disabled?: boolean }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant={variant} color={color} disabled={disabled} onClick={onClick} aria-label={label} data-testid={testId}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}

export const EditRuleButton = ({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) => (
  <RuleIconButton label={label} onClick={onClick} testId={testId} icon={<IconPencil size={16} />} />
);

/** A bordered card with a heading, a line of help under it and, on the right, its actions. */
export function RuleCard({ title, help, testId, actions, children }: { title: string; help?: string; testId: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={help ? 4 : 'sm'}>
        <Title order={4}>{title}</Title>
        {actions}
      </Group>
      {help && <Text size="sm" c="dimmed" mb="md">{help}</Text>}
      {children}
    </Card>
  );
}

/** The end of every rule form: when the new version takes effect (now when empty), cancel, publish. */
export function PublishFooter(props: {
  effectiveFrom: string;
  onEffectiveFrom: (value: string) => void;
  error: string | undefined;
  publishing: boolean;
  onClose: () => void;
  /** data-testid of the date input and of the publish button. */
  testIds: { effective: string; submit: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        type="datetime-local"
        label={t('salesRules.effectiveFrom')}
        description={t('salesRules.effectiveFromHelp')}
        data-testid={props.testIds.effective}
        value={props.effectiveFrom}
        onChange={(e) => props.onEffectiveFrom(e.currentTarget.value)}
        error={props.error}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button type="submit" leftSection={<IconUpload size={16} />} loading={props.publishing} data-testid={props.testIds.submit}>{t('salesRules.save')}</Button>
      </Group>
    </>
  );
}
