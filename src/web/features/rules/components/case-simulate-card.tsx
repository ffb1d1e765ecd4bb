import { Alert, Badge, Button, Card, Grid, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlayerPlay, IconStarFilled, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseTypeSchema, simulateCaseBody, type CasePriority, type CaseType } from '../../../../contract/cases.ts';
import { formatWeekdayDateTime, parisLocalToIso } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useProducts } from '../../catalog/api/get-products.ts';
import { productOptionsByFamily } from '../../catalog/api/product-options.ts';
import { useSimulateCase, type CaseSimulation } from '../api/use-simulate-case.ts';
import { AccountPicker } from './account-picker.tsx';
import { businessDuration, PRIORITIES_URGENT_FIRST, showCaseRuleRefusal } from './case-rule-format.ts';
import { ruleTextIn } from './sales-rule-text.ts';

const FIELDS = ['accountId', 'type', 'priority', 'productId', 'at'];

/** "Which pool, who, and due when, if this customer opened this case now (or then)": with the live rules. */
export function CaseSimulateCard({ dayMinutes }: { dayMinutes: number }) {
  const { t } = useTranslation();
  const products = useProducts();
  const simulate = useSimulateCase();
  const [account, setAccount] = useState<{ id: string; name: string } | null>(null);
  /** The moment the answer is for, as asked ('' = now). */
  const [askedAt, setAskedAt] = useState<string | null>(null);
  const form = useSchemaForm({ type: null as CaseType | null, priority: 'normal' as CasePriority, productId: null as string | null, at: '' });
  const v = form.values;
  const productOptions = useMemo(() => productOptionsByFamily(products.data?.items ?? [], (p) => p.name), [products.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const at = v.at ? parisLocalToIso(v.at) : undefined;
    const body = form.validate(simulateCaseBody, { accountId: account?.id, type: v.type ?? undefined, priority: v.priority, productId: v.productId ?? undefined, at });
    if (!body) {
      form.setErrors((e) => ({
        ...e,
        ...(e.accountId && { accountId: t('rules.pickAccount') }),
        ...(e.type && { type: t('caseRules.sim.pickType') }),
      }));
      return;
    }
    simulate.mutate(body, {
      onSuccess: () => setAskedAt(at ?? null),
      onError: (error) => showCaseRuleRefusal(form, t, error, (path) => FIELDS.includes(path)),
    });
  }

  return (
    <Card withBorder padding="lg" data-testid="case-simulate-card">
      <Title order={4} mb={4}>{t('caseRules.sim.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('caseRules.sim.help')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {form.formError && <Alert color="red" variant="light" data-testid="case-simulate-error">{form.formError}</Alert>}
          <Grid gap="sm" align="flex-start">
            <Grid.Col span={{ base: 12, md: 6, xl: 4 }}>
              <AccountPicker testId="case-simulate-account" value={account} onChange={(a) => { setAccount(a); form.setErrors((e) => ({ ...e, accountId: '' })); }} error={form.errors.accountId || undefined} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 3, xl: 2 }}>
              <Select
                label={t('caseRules.sim.type')}
                placeholder={t('caseRules.sim.pickType')}
                required
                data-testid="case-simulate-type"
                data={caseTypeSchema.options.map((x) => ({ value: x, label: t(`caseRules.types.${x}`) }))}
                value={v.type}
                onChange={(x) => form.setField('type', x as CaseType | null)}
                error={form.errors.type}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 3, xl: 2 }}>
              <Select
                label={t('caseRules.priority')}
                required
                allowDeselect={false}
                data-testid="case-simulate-priority"
                data={PRIORITIES_URGENT_FIRST.map((x) => ({ value: x, label: t(`caseRules.priorities.${x}`) }))}
                value={v.priority}
                onChange={(x) => form.setField('priority', (x ?? 'normal') as CasePriority)}
                error={form.errors.priority}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6, xl: 4 }}>
              <Select
                label={t('caseRules.sim.product')}
                description={t('caseRules.sim.productHelp')}
                placeholder={t('caseRules.sim.noProduct')}
                clearable
                searchable
                data-testid="case-simulate-product"
                data={productOptions}
                value={v.productId}
                onChange={(x) => form.setField('productId', x)}
                error={form.errors.productId}
                nothingFoundMessage={t('common.nothingFound')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8, md: 4 }}>
              <TextInput type="datetime-local" label={t('caseRules.sim.at')} description={t('caseRules.sim.atHelp')} data-testid="case-simulate-at" value={v.at} onChange={(e) => form.setField('at', e.currentTarget.value)} error={form.errors.at} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4, md: 2 }} pt={{ sm: 46 }}>
              <Button type="submit" fullWidth leftSection={<IconPlayerPlay size={16} />} loading={simulate.isPending} data-testid="case-simulate-submit">{t('rules.simulate')}</Button>
            </Grid.Col>
          </Grid>
        </Stack>
      </form>
      {simulate.data && <SimulationAnswer result={simulate.data} askedAt={askedAt} dayMinutes={dayMinutes} />}
    </Card>
  );
}

function SimulationAnswer({ result: r, askedAt, dayMinutes }: { result: CaseSimulation; askedAt: string | null; dayMinutes: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const deadlines = [
    { key: 'first-response', label: t('caseRules.firstResponse'), at: r.sla.firstResponseDueAt, minutes: r.sla.budgets.firstResponseMinutes },
    { key: 'resolution', label: t('caseRules.resolution'), at: r.sla.resolutionDueAt, minutes: r.sla.budgets.resolutionMinutes },
  ];
  return (
    <Alert
      color={r.assignee ? 'teal' : 'orange'}
      variant="light"
      mt="md"
      icon={r.assignee ? <IconUserCheck size={18} /> : <IconUserOff size={18} />}
      title={<span data-testid="case-simulate-assignee">{r.assignee ? t('caseRules.sim.wouldGo', { name: r.assignee.name }) : t('caseRules.sim.nobody')}</span>}
      data-testid="case-simulate-result"
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm"><Text span fw={600} size="sm">{t('caseRules.sim.pool')} :</Text> <span data-testid="case-simulate-pool">{r.pool.name}</span></Text>
          {!r.assignee && <Text size="sm">{t('caseRules.sim.nobodyHelp')}</Text>}
          <Text size="sm" fw={600}>{t('caseRules.sim.why')}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="case-simulate-reason">{ruleTextIn(r.routing.text, lang)}</Text>
          <Text size="xs" c="dimmed">{t('caseRules.sim.ruleVersions', { routing: r.routing.ruleVersion, sla: r.sla.ruleVersion })}</Text>
        </Stack>

        <Stack gap={6}>
          <Text size="sm" fw={600}>{askedAt ? t('caseRules.sim.deadlinesAt', { at: formatWeekdayDateTime(askedAt, lang) }) : t('caseRules.sim.deadlinesNow')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {deadlines.map((d) => (
              <Stack key={d.key} gap={0} data-testid={`case-simulate-${d.key}`}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{d.label} · {businessDuration(t, d.minutes, dayMinutes)}</Text>
                <Text size="sm" fw={700} data-testid={`case-simulate-${d.key}-due`}>{d.at ? formatWeekdayDateTime(d.at, lang) : t('caseRules.sim.noDeadline')}</Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Text size="xs" c="dimmed">{t('caseRules.sim.parisTime')}</Text>
        </Stack>

        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('caseRules.sim.members', { pool: r.pool.name })}</Text>
          {r.members.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="case-simulate-no-members">{t('caseRules.sim.noMembers')}</Text>
          ) : (
            <Table verticalSpacing={4} horizontalSpacing="sm" data-testid="case-simulate-members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('caseRules.sim.member')}</Table.Th>
                  <Table.Th ta="right">{t('caseRules.sim.openCases')}</Table.Th>
                  <Table.Th>{t('caseRules.sim.availability')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...r.members]
                  .sort((a, b) => Number(b.available) - Number(a.available) || a.openCases - b.openCases || a.name.localeCompare(b.name))
                  .map((m) => (
                    <Table.Tr key={m.id} data-testid="case-simulate-member" data-available={m.available} data-assignee={m.id === r.assignee?.id || undefined}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={m.id === r.assignee?.id ? 700 : 400}>{m.name}</Text>
                          {m.id === r.assignee?.id && <IconStarFilled size={12} aria-label={t('caseRules.sim.chosen')} />}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right"><Text size="sm" ff="monospace">{m.openCases}</Text></Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={m.available ? 'teal' : 'gray'} style={{ minWidth: 'max-content' }}>
                          {m.available ? t('caseRules.sim.available') : t('caseRules.sim.unavailable')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Stack>
    </Alert>
  );
}

