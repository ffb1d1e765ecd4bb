import { Alert, Anchor, Badge, Button, Grid, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconSend } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PoolKind } from '../../../../contract/auth.ts';
import { leadSourceSchema, relayLeadBody, type Lead } from '../../../../contract/leads.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { orNull, useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';
import { useProducts } from '../../catalog/api/get-products.ts';
import { productOptionsByFamily } from '../../catalog/api/product-options.ts';
import { useContacts } from '../../contacts/api/get-contacts.ts';
import { useRelayLead } from '../api/use-relay-lead.ts';
import { routingText } from './routing-reason.tsx';

const FIELDS = ['productId', 'contactId', 'need', 'estimatedValueCents', 'source', 'sourceCampaign'];

/** The channel a lead comes from, guessed from the person's pool. */
export function defaultSourceFor(poolKinds: PoolKind[]): string {
  const order: Array<[PoolKind, string]> = [
    ['inbound', 'phone_in'],
    ['telemarketing', 'phone_out'],
    ['associate_seller', 'phone_out'],
    ['marketing', 'marketing'],
    ['sales', 'visit'],
    ['back_office', 'back_office'],
  ];
  return order.find(([k]) => poolKinds.includes(k))?.[1] ?? 'other';
}

interface Props {
  accountId: string;
  accountName: string;
  opened: boolean;
  onClose: () => void;
  /** The product to relay, when known (e.g. a sale this channel may not close). */
  productId?: string;
}

export function RelayLeadModal({ accountId, accountName, opened, onClose, productId }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('relay.title', { name: accountName })} size="lg" data-testid="relay-lead-modal">
      {opened && <RelayLeadForm accountId={accountId} productId={productId} onClose={onClose} />}
    </Modal>
  );
}

function RelayLeadForm({ accountId, productId, onClose }: { accountId: string; productId?: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const products = useProducts();
  const contacts = useContacts(accountId);
  const relay = useRelayLead();
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const form = useSchemaForm({
    productId: (productId ?? null) as string | null,
    contactId: null as string | null,
    need: '',
    valueEuros: '' as number | string,
    source: defaultSourceFor(user.poolKinds),
    sourceCampaign: '',
  });
  const v = form.values;

  const productOptions = useMemo(() => productOptionsByFamily(products.data?.items ?? [], (p) => `${p.name} · ${t(`enums.complexity.${p.complexity}`)}`), [products.data, t]);
  const selected = products.data?.items.find((p) => p.id === v.productId);
  const contactOptions = (contacts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}`.trim() + (c.jobTitle ? ` — ${c.jobTitle}` : '') }));

  function send(acknowledgeDuplicate: boolean, event?: FormEvent) {
    event?.preventDefault();
    const body = form.validate(relayLeadBody, {
      accountId,
      productId: v.productId ?? '',
      contactId: v.contactId,
      need: v.need,
      estimatedValueCents: typeof v.valueEuros === 'number' ? Math.round(v.valueEuros * 100) : null,
      source: v.source,
      sourceCampaign: orNull(v.sourceCampaign),
      acknowledgeDuplicate,
    });
    if (!body) return;
    relay.mutate(body, {
      onSuccess: (lead: Lead) => {
        notifications.show({
          color: 'teal',
          title: lead.assigneeName
            ? t('relay.done', { name: lead.assigneeName, due: formatDateTime(lead.dueAt, i18n.language) })
            : t('relay.doneNoOne', { due: formatDateTime(lead.dueAt, i18n.language) }),
          message: routingText(t, i18n.language, lead.routing, lead.assigneeName),
          autoClose: 10_000,
          'data-testid': 'relay-done',
        } as Parameters<typeof notifications.show>[0]);
        onClose();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'lead.possible_duplicate') {
          setDuplicateOf(typeof error.details?.existingLeadId === 'string' ? error.details.existingLeadId : '');
          return;
        }
        form.applyError(error, FIELDS);
      },
    });
  }

  return (
    <form onSubmit={(e) => send(false, e)} noValidate>
      <Stack gap="sm">
        {duplicateOf !== null && (
          <Alert color="orange" variant="light" icon={<IconCopy size={18} />} title={t('relay.duplicateTitle')} data-testid="lead-duplicate-warning">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('relay.duplicateHelp')}</Text>
              <Group gap="sm">
                {duplicateOf && (
                  <Anchor component={Link} to={paths.lead(duplicateOf)} size="sm" fw={600} data-testid="lead-duplicate-link" onClick={onClose}>
                    {t('relay.seeExisting')}
                  </Anchor>
                )}
                <Button size="xs" color="orange" loading={relay.isPending} onClick={() => send(true)} data-testid="relay-anyway">{t('relay.anyway')}</Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <Select
              label={t('relay.product')}
              placeholder={t('relay.productPlaceholder')}
              required
              searchable
              data-testid="relay-product"
              data={productOptions}
              value={v.productId}
              onChange={(p) => { form.setField('productId', p); setDuplicateOf(null); }}
              error={form.errors.productId}
              nothingFoundMessage={products.isPending ? t('common.loading') : t('common.nothingFound')}
            />
            {selected && (
              <Group gap={6} mt={4}>
                <Badge size="xs" variant="light" color={selected.complexity === 'complex' ? 'grape' : 'teal'}>{t(`enums.complexity.${selected.complexity}`)}</Badge>
                <Text size="xs" c="dimmed">{t(`relay.complexityHint.${selected.complexity}`)}</Text>
              </Group>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <Select label={t('relay.contact')} placeholder={t('log.contactPlaceholder')} clearable searchable data-testid="relay-contact" data={contactOptions} value={v.contactId} onChange={(c) => form.setField('contactId', c)} error={form.errors.contactId} nothingFoundMessage={t('common.nothingFound')} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label={t('relay.need')} placeholder={t('relay.needPlaceholder')} required autosize minRows={3} maxRows={8} data-testid="relay-need" value={v.need} onChange={(e) => form.setField('need', e.currentTarget.value)} error={form.errors.need} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput label={t('relay.value')} min={0} decimalScale={0} suffix=" €" thousandSeparator=" " data-testid="relay-value" value={v.valueEuros} onChange={(n) => form.setField('valueEuros', n)} error={form.errors.estimatedValueCents} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select label={t('relay.source')} required allowDeselect={false} data-testid="relay-source" data={leadSourceSchema.options.map((s) => ({ value: s, label: t(`enums.leadSource.${s}`) }))} value={v.source} onChange={(s) => form.setField('source', s ?? v.source)} error={form.errors.source} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={t('relay.campaign')} placeholder={t('relay.campaignPlaceholder')} data-testid="relay-campaign" value={v.sourceCampaign} onChange={(e) => form.setField('sourceCampaign', e.currentTarget.value)} error={form.errors.sourceCampaign} />
          </Grid.Col>
        </Grid>
        <Text size="xs" c="dimmed">{t('relay.routingHelp')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={relay.isPending} leftSection={<IconSend size={16} />} data-testid="relay-submit">{t('relay.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
