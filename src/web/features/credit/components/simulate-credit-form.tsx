import { ActionIcon, Alert, Button, Card, Grid, Group, NumberInput, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { simulateCreditBody } from '../../../../contract/credit.ts';
import { parisLocalToIso } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useProducts } from '../../catalog/api/get-products.ts';
import { productOptionsByFamily } from '../../catalog/api/product-options.ts';
import { AccountPicker } from '../../rules/components/account-picker.tsx';
import { useSimulateCredit } from '../api/use-simulate-credit.ts';
import { showCreditRefusal, validateWith } from './credit-form.ts';
import { PersonPicker, type PickedPerson } from './person-picker.tsx';
import { SimulationResult } from './simulation-result.tsx';

interface HypotheticalEvent {
  key: number;
  kind: 'lead' | 'deal';
  person: PickedPerson | null;
  /** datetime-local, Paris wall clock. */
  at: string;
}

const MAX_EVENTS = 20;

/** "Who would be credited if…": an account, a product, a seller, an amount, and events one may add to try a case. */
export function SimulateCreditForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const products = useProducts();
  const simulate = useSimulateCredit();
  const [account, setAccount] = useState<{ id: string; name: string } | null>(null);
  const [seller, setSeller] = useState<PickedPerson | null>(null);
  const [events, setEvents] = useState<HypotheticalEvent[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [checkEvents, setCheckEvents] = useState(false);
  const form = useSchemaForm({ productId: null as string | null, amount: 1000 as number | string, includeRecorded: true, wonAt: '' });
  const v = form.values;
  const productOptions = useMemo(() => productOptionsByFamily(products.data?.items ?? [], (p) => `${p.name} (${p.code}) · ${t(`enums.complexity.${p.complexity}`)}`), [products.data, t]);

  function pickProduct(id: string | null) {
    form.setField('productId', id);
    const p = products.data?.items.find((x) => x.id === id);
    if (p) form.setField('amount', p.listPriceCents / 100);
  }

  function addEvent() {
    setEvents((list) => [...list, { key: nextKey, kind: 'lead', person: null, at: '' }]);
    setNextKey((k) => k + 1);
  }
  const updateEvent = (key: number, patch: Partial<HypotheticalEvent>) => setEvents((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));

  function submit(event: FormEvent) {
    event.preventDefault();
    setCheckEvents(true);
    const body = validateWith(form, simulateCreditBody, {
      accountId: account?.id,
      productId: v.productId ?? undefined,
      sellerId: seller?.id,
      amountCents: typeof v.amount === 'number' ? Math.round(v.amount * 100) : undefined,
      includeRecorded: v.includeRecorded,
      wonAt: v.wonAt ? parisLocalToIso(v.wonAt) : undefined,
      events: events.map((e) => ({ kind: e.kind, personId: e.person?.id, at: e.at ? parisLocalToIso(e.at) : undefined })),
    }, { accountId: t('salesRules.sim.accountMissing'), productId: t('salesRules.sim.productMissing'), sellerId: t('salesRules.sim.sellerMissing') });
    if (!body) return;
    simulate.mutate(body, { onError: (error) => showCreditRefusal(form, t, error, ['accountId', 'productId', 'sellerId', 'amountCents', 'wonAt', 'events']) });
  }

  const eventError = form.errors.events;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <AccountPicker testId="simulate-account" value={account} onChange={(a) => { setAccount(a); form.setErrors((e) => ({ ...e, accountId: '' })); }} error={form.errors.accountId || undefined} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Select
                  label={t('salesRules.sim.product')}
                  placeholder={t('salesRules.sim.productPlaceholder')}
                  required
                  searchable
                  data-testid="simulate-product"
                  data={productOptions}
                  value={v.productId}
                  onChange={pickProduct}
                  error={form.errors.productId}
                  nothingFoundMessage={t('common.nothingFound')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <PersonPicker
                  testId="simulate-seller"
                  label={t('salesRules.sim.seller')}
                  description={t('salesRules.sim.sellerHelp')}
                  required
                  value={seller}
                  onChange={(p) => { setSeller(p); form.setErrors((e) => ({ ...e, sellerId: '' })); }}
                  error={form.errors.sellerId || undefined}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <NumberInput
                  label={t('salesRules.sim.amount')}
                  min={0}
                  decimalScale={2}
                  thousandSeparator={lang.startsWith('fr') ? ' ' : ','}
                  decimalSeparator={lang.startsWith('fr') ? ',' : '.'}
                  suffix=" €"
                  data-testid="simulate-amount"
                  value={v.amount}
                  onChange={(n) => form.setField('amount', n)}
                  error={form.errors.amountCents}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <TextInput
                  type="datetime-local"
                  label={t('salesRules.sim.wonAt')}
                  description={t('salesRules.sim.wonAtHelp')}
                  data-testid="simulate-won-at"
                  value={v.wonAt}
                  onChange={(e) => form.setField('wonAt', e.currentTarget.value)}
                  error={form.errors.wonAt}
                />
              </Grid.Col>
            </Grid>
            <Switch
              label={t('salesRules.sim.includeRecorded')}
              description={t('salesRules.sim.includeRecordedHelp')}
              checked={v.includeRecorded}
              onChange={(e) => form.setField('includeRecorded', e.currentTarget.checked)}
              data-testid="simulate-include-recorded"
            />

            <Stack gap="xs" data-testid="simulate-events">
              <Group justify="space-between">
                <Stack gap={0}>
                  <Title order={5}>{t('salesRules.sim.eventsTitle')}</Title>
                  <Text size="sm" c="dimmed">{t('salesRules.sim.eventsHelp')}</Text>
                </Stack>
                <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={addEvent} disabled={events.length >= MAX_EVENTS} data-testid="simulate-add-event">
                  {t('salesRules.sim.addEvent')}
                </Button>
              </Group>
              {eventError && !events.some((e) => !e.person || !e.at) && <Text size="sm" c="red.7">{eventError}</Text>}
              {events.map((e, index) => (
                <Card key={e.key} withBorder padding="sm" radius="md" data-testid={`simulate-event-${index}`}>
                  <Grid gap="sm" align="flex-end">
                    <Grid.Col span={{ base: 12, sm: 3 }}>
                      <Text size="sm" fw={500} mb={4}>{t('salesRules.sim.eventKind')}</Text>
                      <SegmentedControl
                        fullWidth
                        size="sm"
                        value={e.kind}
                        onChange={(k) => updateEvent(e.key, { kind: k as 'lead' | 'deal' })}
                        data={[{ value: 'lead', label: t('salesRules.sim.kind.lead') }, { value: 'deal', label: t('salesRules.sim.kind.deal') }]}
                        data-testid="simulate-event-kind"
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 4 }}>
                      <PersonPicker
                        testId="simulate-event-person"
                        label={t('salesRules.sim.eventPerson')}
                        required
                        value={e.person}
                        onChange={(p) => updateEvent(e.key, { person: p })}
                        error={checkEvents && !e.person ? t('salesRules.sim.eventPersonMissing') : undefined}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 10, sm: 4 }}>
                      <TextInput
                        type="datetime-local"
                        label={t('salesRules.sim.eventAt')}
                        required
                        data-testid="simulate-event-at"
                        value={e.at}
                        onChange={(ev) => updateEvent(e.key, { at: ev.currentTarget.value })}
                        error={checkEvents && !e.at ? t('salesRules.sim.eventAtMissing') : undefined}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 2, sm: 1 }}>
                      <Tooltip label={t('salesRules.sim.removeEvent')}>
                        <ActionIcon variant="subtle" color="red" size="lg" onClick={() => setEvents((list) => list.filter((x) => x.key !== e.key))} aria-label={t('salesRules.sim.removeEvent')} data-testid="simulate-remove-event">
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Grid.Col>
                  </Grid>
                </Card>
              ))}
            </Stack>

            <Group justify="flex-end">
              <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={simulate.isPending} data-testid="simulate-run">{t('salesRules.sim.run')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {simulate.data && !simulate.isPending && <SimulationResult result={simulate.data} amountCents={simulate.variables?.amountCents ?? 0} />}
    </Stack>
  );
}
