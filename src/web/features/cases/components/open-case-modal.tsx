import { Alert, Button, Grid, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconCircleCheck, IconFolderPlus } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseChannelSchema, casePrioritySchema, caseTypeSchema, openCaseBody, type Case, type CaseChannel, type CasePriority } from '../../../../contract/cases.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useProducts } from '../../catalog/api/get-products.ts';
import { useContacts } from '../../contacts/api/get-contacts.ts';
import { useOpenCase } from '../api/use-open-case.ts';
import { showCaseRefusal, validateWith } from '../case-form.ts';
import { CasePriorityBadge } from './case-badges.tsx';
import { CaseRouting } from './case-routing.tsx';
import { CopyValue } from './copy-value.tsx';

const FIELDS = ['type', 'priority', 'subject', 'description', 'channel', 'contactId', 'productId', 'accountId'];
const CHANNELS = caseChannelSchema.options.filter((c) => c !== 'api');

export interface OpenCaseDefaults {
  contactId?: string | null;
  channel?: CaseChannel;
}

interface Props {
  account: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
  /** What the caller already knows (the call console: the contact on the line, the phone). */
  defaults?: OpenCaseDefaults;
}

/** "Ouvrir un dossier": a complaint or an after-sales request on an account; then where it went, why, and by when. */
export function OpenCaseModal({ account, opened, onClose, defaults }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.open.title', { name: account.name })} size="lg">
      {opened && <OpenCaseForm account={account} defaults={defaults} onClose={onClose} />}
    </Modal>
  );
}

function OpenCaseForm({ account, defaults, onClose }: { account: { id: string; name: string }; defaults?: OpenCaseDefaults; onClose: () => void }) {
  const { t } = useTranslation();
  const contacts = useContacts(account.id);
  const products = useProducts();
  const open = useOpenCase();
  const [opened, setOpened] = useState<Case | null>(null);
  const form = useSchemaForm({
    type: null as string | null,
    priority: 'normal' as CasePriority,
    subject: '',
    description: '',
    channel: (defaults?.channel ?? 'phone') as string,
    contactId: (defaults?.contactId ?? null) as string | null,
    productId: null as string | null,
  });
  const v = form.values;

  const contactOptions = useMemo(
    () => (contacts.data?.items ?? []).filter((c) => !c.archivedAt).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}`.trim() + (c.jobTitle ? ` — ${c.jobTitle}` : '') })),
    [contacts.data],
  );
  const productOptions = useMemo(() => {
    const groups = new Map<string, Array<{ value: string; label: string }>>();
    for (const p of products.data?.items ?? []) {
      const list = groups.get(p.family) ?? [];
      list.push({ value: p.id, label: p.name });
      groups.set(p.family, list);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items }));
  }, [products.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(
      form,
      openCaseBody,
      {
        accountId: account.id,
        contactId: v.contactId,
        type: v.type ?? undefined,
        priority: v.priority,
        subject: v.subject,
        description: v.description,
        productId: v.productId,
        channel: v.channel,
      },
      { type: t('cases.open.typeRequired'), subject: t('cases.open.subjectRequired'), description: t('cases.open.descriptionRequired'), channel: t('cases.open.channelRequired') },
    );
    if (!body) return;
    open.mutate(body, { onSuccess: setOpened, onError: (error) => showCaseRefusal(form, t, error, FIELDS) });
  }

  if (opened) return <OpenedCase c={opened} onClose={onClose} />;

  return (
    <form onSubmit={submit} noValidate data-testid="open-case-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.open.help')}</Text>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('cases.open.type')}
              placeholder={t('cases.open.typePlaceholder')}
              required
              data={caseTypeSchema.options.map((x) => ({ value: x, label: t(`cases.type.${x}`) }))}
              value={v.type}
              onChange={(x) => form.setField('type', x)}
              error={form.errors.type}
              data-testid="case-type"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('cases.open.channel')}
              required
              allowDeselect={false}
              data={CHANNELS.map((x) => ({ value: x, label: t(`cases.channel.${x}`) }))}
              value={v.channel}
              onChange={(x) => form.setField('channel', x ?? v.channel)}
              error={form.errors.channel}
              data-testid="case-channel"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Stack gap={4}>
              <Text size="sm" fw={500}>{t('cases.open.priority')}</Text>
              <SegmentedControl
                fullWidth
                aria-label={t('cases.open.priority')}
                value={v.priority}
                onChange={(x) => form.setField('priority', x as CasePriority)}
                data={casePrioritySchema.options.map((p) => ({ value: p, label: t(`cases.priority.${p}`) }))}
                data-testid="case-priority"
              />
              <Text size="xs" c="dimmed">{t('cases.open.priorityHelp')}</Text>
            </Stack>
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label={t('cases.open.subject')}
              placeholder={t('cases.open.subjectPlaceholder')}
              required
              maxLength={200}
              value={v.subject}
              onChange={(e) => form.setField('subject', e.currentTarget.value)}
              error={form.errors.subject}
              data-testid="case-subject"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label={t('cases.open.description')}
              placeholder={t('cases.open.descriptionPlaceholder')}
              required
              autosize
              minRows={4}
              maxRows={12}
              value={v.description}
              onChange={(e) => form.setField('description', e.currentTarget.value)}
              error={form.errors.description}
              data-testid="case-description"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('cases.open.contact')}
              placeholder={t('log.contactPlaceholder')}
              clearable
              searchable
              data={contactOptions}
              value={v.contactId}
              onChange={(x) => form.setField('contactId', x)}
              error={form.errors.contactId}
              nothingFoundMessage={contacts.isPending ? t('common.loading') : t('common.nothingFound')}
              data-testid="case-contact"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('cases.open.product')}
              placeholder={t('cases.open.productPlaceholder')}
              description={t('cases.open.productHelp')}
              clearable
              searchable
              data={productOptions}
              value={v.productId}
              onChange={(x) => form.setField('productId', x)}
              error={form.errors.productId}
              nothingFoundMessage={products.isPending ? t('common.loading') : t('common.nothingFound')}
              data-testid="case-product"
            />
          </Grid.Col>
        </Grid>
        <Text size="xs" c="dimmed">{t('cases.open.routingHelp')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={open.isPending} leftSection={<IconFolderPlus size={16} />} data-testid="case-open-submit">{t('cases.open.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What the person needs to tell the customer right away: the reference, who handles it and by when. */
function OpenedCase({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="md" data-testid="open-case-result" data-case-id={c.id} data-reference={c.reference}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon color="teal" variant="light" size={40} radius="xl"><IconCircleCheck size={24} /></ThemeIcon>
        <Stack gap={0}>
          <Text size="sm" c="dimmed">{t('cases.open.done')}</Text>
          <Group gap={4} wrap="nowrap">
            <Title order={3} ff="monospace" data-testid="case-opened-reference">{c.reference}</Title>
            <CopyValue value={c.reference} testId="case-opened-reference-copy" />
          </Group>
        </Stack>
        <CasePriorityBadge priority={c.priority} />
      </Group>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Text size="sm" data-testid="case-opened-pool">
            {c.assignee ? t('cases.open.wentTo', { pool: c.pool.name, name: c.assignee.name }) : t('cases.open.wentToPool', { pool: c.pool.name })}
          </Text>
          <CaseRouting routing={c.routing} testId="case-opened-routing" />
        </Stack>
      </Paper>
      <SimpleGrid cols={2} spacing="md" data-testid="case-opened-deadlines">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.sla.clock.firstResponse')}</Text>
          <Text size="sm" fw={600} data-testid="case-opened-first-response">{formatDateTime(c.sla.firstResponseDueAt, lang)}</Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.sla.clock.resolution')}</Text>
          <Text size="sm" fw={600} data-testid="case-opened-resolution">{formatDateTime(c.sla.resolutionDueAt, lang)}</Text>
        </Stack>
      </SimpleGrid>
      <Text size="sm" c="dimmed">{t('cases.open.tellCustomer')}</Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} data-testid="case-opened-close">{t('cases.open.close')}</Button>
        <Button component={Link} to={paths.case(c.id)} onClick={onClose} rightSection={<IconArrowRight size={16} />} data-testid="case-opened-link">{t('cases.open.see')}</Button>
      </Group>
    </Stack>
  );
}
