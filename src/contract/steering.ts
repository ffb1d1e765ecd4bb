// Steering: indicators for any unit or person over any period. The catalogue (ids, plain-language
// definitions in French and English) is data here, shared by the server that computes the figures
// (src/server/steering/rules.ts) and the web app that shows them with their definitions.
import { z } from 'zod';
import { bilingualSchema, type Bilingual } from './values.ts';

export const INDICATOR_IDS = [
  'leads_received',
  'lead_conversion',
  'potential_conversion',
  'leads_on_time',
  'qualification_median',
  'interactions_logged',
  'interactions_per_rep_week',
  'logging_compliance',
  'pipeline',
  'won_revenue',
  'win_rate',
  'forecast',
  'case_sla_adherence',
  'case_backlog',
  'case_resolution_mean',
  'case_transfers',
  'data_completeness',
  'relayed_won_share',
  'relay_feedback',
  'late_lead_share',
  'breached_cases',
] as const;
export const indicatorIdSchema = z.enum(INDICATOR_IDS);
export type IndicatorId = z.infer<typeof indicatorIdSchema>;

/** How a value reads: a share (0–1), money in cents, a count, minutes, or a rate per rep and week. */
export type IndicatorFormat = 'ratio' | 'cents' | 'count' | 'minutes' | 'decimal';
export type IndicatorGroup = 'leads' | 'activity' | 'sales' | 'cases' | 'data' | 'collective';

export interface IndicatorDefinition {
  id: IndicatorId;
  group: IndicatorGroup;
  format: IndicatorFormat;
  /** Which way is better: a higher conversion, a lower backlog. */
  better: 'higher' | 'lower';
  /** A figure of now (pipeline, backlog, completeness) rather than of the period. */
  snapshot: boolean;
  name: Bilingual;
  definition: Bilingual;
}

const def = (d: IndicatorDefinition) => d;

/** Every indicator, in the order the dashboards show them. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  def({
    id: 'leads_received', group: 'leads', format: 'count', better: 'higher', snapshot: false,
    name: { fr: 'Leads reçus', en: 'Leads received' },
    definition: { fr: 'Leads routés vers l’unité ou la personne pendant la période (date de création).', en: 'Leads routed to the unit or person during the period (by creation date).' },
  }),
  def({
    id: 'lead_conversion', group: 'leads', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Taux de transformation des leads', en: 'Lead conversion rate' },
    definition: { fr: 'Leads transformés en affaire ÷ leads conclus (transformés, refusés ou expirés) pendant la période.', en: 'Leads turned into a deal ÷ leads concluded (converted, rejected or expired) during the period.' },
  }),
  def({
    id: 'potential_conversion', group: 'leads', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Transformation du potentiel marketing', en: 'Marketing potential conversion' },
    definition: { fr: 'Parmi les leads issus d’une campagne marketing conclus pendant la période, la part transformée en affaire.', en: 'Of the leads from a marketing campaign concluded during the period, the share turned into a deal.' },
  }),
  def({
    id: 'leads_on_time', group: 'leads', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Leads qualifiés dans les délais', en: 'Leads qualified on time' },
    definition: { fr: 'Leads qualifiés (acceptés, refusés ou transformés) avant leur échéance ÷ leads qualifiés pendant la période.', en: 'Leads qualified (accepted, rejected or converted) before their deadline ÷ leads qualified during the period.' },
  }),
  def({
    id: 'qualification_median', group: 'leads', format: 'minutes', better: 'lower', snapshot: false,
    name: { fr: 'Délai médian de qualification', en: 'Median qualification time' },
    definition: { fr: 'Temps médian entre l’arrivée d’un lead et sa première réponse, pour les leads qualifiés pendant la période (lu dans des tranches de durée : à la minute près sous une heure, à 5 % près au-delà).', en: 'Median time from a lead’s arrival to its first answer, for the leads qualified during the period (read from time bands: to the minute under an hour, within 5% beyond).' },
  }),
  def({
    id: 'interactions_logged', group: 'activity', format: 'count', better: 'higher', snapshot: false,
    name: { fr: 'Contacts saisis', en: 'Contacts logged' },
    definition: { fr: 'Contacts enregistrés pendant la période (appels, visites, e-mails…), hors corrections, à la date où ils ont eu lieu.', en: 'Contacts logged during the period (calls, visits, emails…), corrections excluded, on the day they happened.' },
  }),
  def({
    id: 'interactions_per_rep_week', group: 'activity', format: 'decimal', better: 'higher', snapshot: false,
    name: { fr: 'Contacts saisis par personne et par semaine', en: 'Contacts logged per person per week' },
    definition: { fr: 'Contacts enregistrés (hors corrections) ÷ effectif de l’unité (selon les quotes-parts) ÷ semaines de la période.', en: 'Contacts logged (corrections excluded) ÷ the unit’s headcount (by allocation share) ÷ weeks in the period.' },
  }),
  def({
    id: 'logging_compliance', group: 'activity', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Conformité de saisie', en: 'Logging compliance' },
    definition: { fr: 'Changements d’étape d’affaire précédés d’un contact saisi sur le compte dans les 7 jours ÷ changements d’étape de la période.', en: 'Deal stage changes preceded by a contact logged on the account within 7 days ÷ stage changes in the period.' },
  }),
  def({
    id: 'pipeline', group: 'sales', format: 'cents', better: 'higher', snapshot: true,
    name: { fr: 'Portefeuille d’affaires en cours', en: 'Open pipeline' },
    definition: { fr: 'Montant des affaires ouvertes aujourd’hui, par étape (qualification, proposition, négociation).', en: 'Amount of the deals open today, by stage (qualification, proposal, negotiation).' },
  }),
  def({
    id: 'won_revenue', group: 'sales', format: 'cents', better: 'higher', snapshot: false,
    name: { fr: 'Chiffre d’affaires gagné', en: 'Won revenue' },
    definition: { fr: 'Montant des affaires gagnées pendant la période (date de clôture), compté au titulaire de l’affaire.', en: 'Amount of the deals won during the period (by closing date), counted to the deal’s owner.' },
  }),
  def({
    id: 'win_rate', group: 'sales', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Taux de réussite', en: 'Win rate' },
    definition: { fr: 'Affaires gagnées ÷ affaires clôturées (gagnées ou perdues) pendant la période.', en: 'Deals won ÷ deals closed (won or lost) during the period.' },
  }),
  def({
    id: 'forecast', group: 'sales', format: 'cents', better: 'higher', snapshot: false,
    name: { fr: 'Prévision pondérée', en: 'Weighted forecast' },
    definition: { fr: 'Déjà gagné sur la période + affaires ouvertes dont la clôture est prévue d’ici la fin de la période (ou dépassée), pondérées par la probabilité de leur étape + rythme des affaires rapides (gagnées moins de 30 jours après leur ouverture : leur montant moyen par jour sur les 90 derniers jours, fois les jours restant dans la période). Pour une période passée : le gagné.', en: 'Already won in the period + open deals expected to close by the period’s end (or overdue), weighted by their stage probability + the run rate of quick business (deals won within 30 days of opening: their amount per day over the last 90 days, times the days left in the period). For a past period: what was won.' },
  }),
  def({
    id: 'case_sla_adherence', group: 'cases', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Respect des délais SAV', en: 'Case SLA adherence' },
    definition: { fr: 'Dossiers résolus avant leur échéance de résolution ÷ dossiers résolus pendant la période.', en: 'Cases resolved before their resolution deadline ÷ cases resolved during the period.' },
  }),
  def({
    id: 'case_backlog', group: 'cases', format: 'count', better: 'lower', snapshot: true,
    name: { fr: 'Dossiers en cours', en: 'Case backlog' },
    definition: { fr: 'Dossiers ouverts aujourd’hui (non résolus), dont ceux dont l’échéance est dépassée.', en: 'Cases open today (not resolved), including those past their deadline.' },
  }),
  def({
    id: 'case_resolution_mean', group: 'cases', format: 'minutes', better: 'lower', snapshot: false,
    name: { fr: 'Délai moyen de résolution', en: 'Mean resolution time' },
    definition: { fr: 'Durée moyenne entre l’ouverture et la résolution des dossiers résolus pendant la période (temps calendaire).', en: 'Mean time from opening to resolution of the cases resolved during the period (calendar time).' },
  }),
  def({
    id: 'case_transfers', group: 'cases', format: 'decimal', better: 'lower', snapshot: false,
    name: { fr: 'Transferts par dossier', en: 'Transfers per case' },
    definition: { fr: 'Transferts entre pools ÷ dossiers résolus pendant la période.', en: 'Transfers between pools ÷ cases resolved during the period.' },
  }),
  def({
    id: 'data_completeness', group: 'data', format: 'ratio', better: 'higher', snapshot: true,
    name: { fr: 'Complétude des fiches', en: 'Data completeness' },
    definition: { fr: 'Complétude moyenne des comptes actifs aujourd’hui (SIREN, secteur, adresse, téléphone, e-mail…).', en: 'Average completeness of the active accounts today (SIREN, sector, address, phone, email…).' },
  }),
  def({
    id: 'relayed_won_share', group: 'collective', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Ventes relayées par un autre canal', en: 'Sales relayed by another channel' },
    definition: { fr: 'Affaires gagnées issues d’un lead transmis par quelqu’un d’autre ÷ affaires gagnées pendant la période.', en: 'Won deals that came from a lead passed on by someone else ÷ deals won during the period.' },
  }),
  def({
    id: 'relay_feedback', group: 'collective', format: 'ratio', better: 'higher', snapshot: false,
    name: { fr: 'Retour donné sur les leads relayés', en: 'Feedback on relayed leads' },
    definition: { fr: 'Leads reçus d’un autre canal pendant la période qui ont eu une réponse ÷ leads reçus d’un autre canal.', en: 'Leads received from another channel during the period that were answered ÷ leads received from another channel.' },
  }),
  def({
    id: 'late_lead_share', group: 'collective', format: 'ratio', better: 'lower', snapshot: false,
    name: { fr: 'Leads en retard', en: 'Late leads' },
    definition: { fr: 'Leads reçus pendant la période qui ont dépassé leur échéance ÷ leads reçus.', en: 'Leads received during the period that went past their deadline ÷ leads received.' },
  }),
  def({
    id: 'breached_cases', group: 'collective', format: 'count', better: 'lower', snapshot: false,
    name: { fr: 'Dossiers hors délai', en: 'Breached cases' },
    definition: { fr: 'Dossiers dont l’échéance de résolution tombe dans la période et a été dépassée.', en: 'Cases whose resolution deadline falls in the period and was missed.' },
  }),
];

export const indicatorDefinition = (id: IndicatorId): IndicatorDefinition => INDICATORS.find((i) => i.id === id)!;

export const periodKindSchema = z.enum(['week', 'month', 'quarter', 'year', 'custom']);
export type PeriodKind = z.infer<typeof periodKindSchema>;

export const steeringUnitTypeSchema = z.enum(['nation', 'region', 'agency', 'pool', 'person']);
export type SteeringUnitType = z.infer<typeof steeringUnitTypeSchema>;

const isoDate = z.iso.date();

export const dashboardQuery = z
  .object({
    /** nation, region, agency, pool or person. */
    type: steeringUnitTypeSchema.default('nation'),
    /** Absent for the nation. */
    id: z.uuid().optional(),
    period: periodKindSchema.default('month'),
    /** Any day in the wanted period (default: today, in Paris). */
    at: isoDate.optional(),
    /** For a custom period: first and last day, inclusive. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => q.type === 'nation' || q.id, { message: 'An id is required for this unit type', path: ['id'] })
  .refine((q) => q.period !== 'custom' || (q.from && q.to), { message: 'A custom period needs from and to', path: ['from'] })
  .refine((q) => q.period !== 'custom' || !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => q.period !== 'custom' || !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, {
    message: 'A custom period spans at most three years',
    path: ['to'],
  });
export type DashboardQuery = z.input<typeof dashboardQuery>;

export const periodSchema = z.object({ kind: periodKindSchema, from: isoDate, to: isoDate, label: z.string() });
export type Period = z.infer<typeof periodSchema>;

export const figureSchema = z.object({
  /** null: nothing to measure (no lead concluded, nobody in the unit). */
  value: z.number().nullable(),
  /** The objective set for this unit or person, this indicator and exactly this period, and how far along. */
  objective: z.object({ target: z.number(), attainment: z.number().nullable() }).optional(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /** Breakdowns: pipeline by stage, backlog past deadline. */
  parts: z.record(z.string(), z.number()).optional(),
});
export type Figure = z.infer<typeof figureSchema>;

export const figuresSchema = z.partialRecord(indicatorIdSchema, figureSchema);
export type Figures = z.infer<typeof figuresSchema>;

export const unitRefSchema = z.object({ type: steeringUnitTypeSchema, id: z.string().nullable(), name: z.string() });
export type UnitRef = z.infer<typeof unitRefSchema>;

export const dashboardRowSchema = unitRefSchema.extend({
  /** People counted (by allocation share) in the unit on the period's last day. */
  headcount: z.number(),
  figures: figuresSchema,
});
export type DashboardRow = z.infer<typeof dashboardRowSchema>;

/** From lead to sale over the period: each stage counts what happened in it (see leadFunnel). */
export const leadFunnelSchema = z.object({ received: z.number(), answered: z.number(), converted: z.number(), won: z.number() });
export type LeadFunnel = z.infer<typeof leadFunnelSchema>;

export const dashboardSchema = z.object({
  unit: unitRefSchema.extend({ headcount: z.number() }),
  /** From the nation down to the unit's parent, for the breadcrumb. */
  parents: z.array(unitRefSchema),
  period: periodSchema,
  figures: figuresSchema,
  funnel: leadFunnelSchema,
  trend: z.object({
    periods: z.array(periodSchema),
    /** The unit's headcount in each period (by allocation share, on its last day, or today for the current one). */
    headcount: z.array(z.number()),
    /** One value per period, in order; snapshot indicators have no trend. */
    series: z.partialRecord(indicatorIdSchema, z.array(z.number().nullable())),
  }),
  /** The next level down (regions, agencies, pools, people), when the viewer may see it. */
  children: z.array(dashboardRowSchema),
  /** Why there are no children when there could be: people are shown to their line managers only. */
  childrenHidden: z.enum(['individuals_private']).nullable(),
  /** The smallest group whose aggregate a colleague may see. */
  minGroup: z.number(),
  /** When the figures were last brought up to date (the steering sweep). */
  freshAt: z.string().nullable(),
  /** The alerts still active on this unit or person, shown to its leaders (empty for others). */
  get alerts() {
    return z.array(alertSchema);
  },
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const indicatorCatalogueSchema = z.array(
  z.object({
    id: indicatorIdSchema,
    group: z.enum(['leads', 'activity', 'sales', 'cases', 'data', 'collective']),
    format: z.enum(['ratio', 'cents', 'count', 'minutes', 'decimal']),
    better: z.enum(['higher', 'lower']),
    snapshot: z.boolean(),
    name: bilingualSchema,
    definition: bilingualSchema,
  }),
);

/** `GET /api/steering/dashboard.csv`: which of the page's tables. */
export const dashboardCsvQuery = z.object({ table: z.enum(['children', 'trend']).default('children') });

// --- Objectives ---

/** The indicators objectives are set on. */
export const OBJECTIVE_INDICATORS = ['won_revenue', 'lead_conversion', 'leads_on_time'] as const;
export const objectiveIndicatorSchema = z.enum(OBJECTIVE_INDICATORS);
export type ObjectiveIndicator = z.infer<typeof objectiveIndicatorSchema>;

export const objectivePeriodKindSchema = z.enum(['month', 'quarter', 'year']);

export const setObjectiveBody = z
  .object({
    unitType: steeringUnitTypeSchema,
    /** Absent for the nation. */
    unitId: z.uuid().nullable().optional(),
    indicator: objectiveIndicatorSchema,
    period: objectivePeriodKindSchema,
    /** Any day of the period. */
    at: isoDate,
    /** Won revenue in cents; a rate as a share from 0 to 1. */
    target: z.number().nonnegative(),
    /** The version read, when changing an objective already set. */
    version: z.number().int().optional(),
  })
  .refine((b) => b.unitType === 'nation' || b.unitId, { message: 'An id is required for this unit type', path: ['unitId'] })
  .refine((b) => b.indicator === 'won_revenue' || b.target <= 1, { message: 'A rate is a share from 0 to 1', path: ['target'] })
  .refine((b) => b.indicator !== 'won_revenue' || Number.isInteger(b.target), { message: 'Revenue is in whole cents', path: ['target'] });
export type SetObjectiveBody = z.input<typeof setObjectiveBody>;

export const objectiveSchema = z.object({
  id: z.string(),
  unit: unitRefSchema,
  indicator: objectiveIndicatorSchema,
  period: periodSchema,
  target: z.number(),
  setBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  setAt: z.string(),
  version: z.number(),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const objectiveListQuery = z.object({
  /** The objectives of this unit and of the units and people one level down. */
  type: steeringUnitTypeSchema.default('nation'),
  id: z.uuid().optional(),
  period: objectivePeriodKindSchema.default('month'),
  at: isoDate.optional(),
});

export const objectiveListSchema = z.object({
  period: periodSchema,
  items: z.array(objectiveSchema),
  /** The units and people whose objectives the viewer may set for this period (never their own). */
  settable: z.array(unitRefSchema),
});

// --- Alert rules and alerts ---

export const alertAppliesToSchema = z.enum(['unit', 'regions', 'agencies', 'pools', 'reps']);
export const alertComparisonSchema = z.enum(['above', 'below']);
export const alertPeriodKindSchema = z.enum(['week', 'month', 'quarter', 'year', 'business_days']);
export const alertNotifySchema = z.enum(['leaders', 'leaders_and_person']);

const alertRuleFields = {
  name: z.string().trim().min(3).max(200),
  indicator: indicatorIdSchema,
  unitType: z.enum(['nation', 'region', 'agency', 'pool']),
  /** Absent for the nation. */
  unitId: z.uuid().nullable().optional(),
  /** Evaluate the unit itself, or each of its regions, agencies, pools or field reps. */
  appliesTo: alertAppliesToSchema,
  comparison: alertComparisonSchema,
  /** In the indicator's own terms: a share from 0 to 1, cents, a count, minutes. */
  threshold: z.number(),
  periodKind: alertPeriodKindSchema,
  /** For business_days: the window, the last N business days before today. */
  periodDays: z.number().int().min(1).max(60).nullable().optional(),
  notify: alertNotifySchema,
  active: z.boolean(),
};

const alertRuleChecks = <T extends z.ZodType<{ unitType?: string; unitId?: string | null; periodKind?: string; periodDays?: number | null; indicator?: string }>>(schema: T) =>
  schema
    .refine((b) => b.unitType === undefined || b.unitType === 'nation' || b.unitId, { message: 'An id is required for this unit type', path: ['unitId'] })
    .refine((b) => b.periodKind === undefined || (b.periodKind === 'business_days') === (b.periodDays !== undefined && b.periodDays !== null), {
      message: 'A window of business days needs periodDays, and only it',
      path: ['periodDays'],
    })
    .refine((b) => b.indicator === undefined || !INDICATORS.find((i) => i.id === b.indicator)?.snapshot || b.periodKind !== 'business_days', {
      message: 'A figure of now has no window',
      path: ['periodKind'],
    });

export const createAlertRuleBody = alertRuleChecks(z.object({ ...alertRuleFields, active: z.boolean().default(true) }));
export type CreateAlertRuleBody = z.input<typeof createAlertRuleBody>;

export const updateAlertRuleBody = alertRuleChecks(z.object(alertRuleFields).partial().extend({ version: z.number().int() }));
export type UpdateAlertRuleBody = z.input<typeof updateAlertRuleBody>;

export const alertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  indicator: indicatorIdSchema,
  unit: unitRefSchema,
  appliesTo: alertAppliesToSchema,
  comparison: alertComparisonSchema,
  threshold: z.number(),
  periodKind: alertPeriodKindSchema,
  periodDays: z.number().nullable(),
  notify: alertNotifySchema,
  active: z.boolean(),
  version: z.number(),
  /** The rule in plain words, French and English. */
  text: bilingualSchema,
  /** Whether the viewer may change it. */
  canEdit: z.boolean(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertStatusSchema = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

export const alertEventSchema = z.object({
  at: z.string(),
  action: z.enum(['fired', 'acknowledged', 'commented', 'resolved', 'cleared']),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  comment: z.string().nullable(),
  value: z.number().nullable(),
});

export const alertSchema = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), name: z.string(), version: z.number() }),
  indicator: indicatorIdSchema,
  comparison: alertComparisonSchema,
  threshold: z.number(),
  target: unitRefSchema,
  period: z.object({ from: isoDate, to: isoDate }),
  value: z.number(),
  status: alertStatusSchema,
  firedAt: z.string(),
  /** When the figure came back on the right side of the threshold (the alert stays until resolved). */
  clearedAt: z.string().nullable(),
  version: z.number(),
  /** What happened to it, oldest first (in the alert's page). */
  events: z.array(alertEventSchema),
  abilities: z.object({ acknowledge: z.boolean(), comment: z.boolean(), resolve: z.boolean() }),
  /** The alert in plain words, French and English. */
  text: bilingualSchema,
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved', 'active', 'all']).default('active'),
  /** mine: the alerts I was told of; units: every alert on a unit or person I lead, whoever was told. */
  scope: z.enum(['mine', 'units']).default('mine'),
});
export const alertListSchema = z.object({ items: z.array(alertSchema) });

export const acknowledgeAlertBody = z.object({ version: z.number().int(), comment: z.string().trim().max(2000).nullable().optional() });
export const commentAlertBody = z.object({ comment: z.string().trim().min(1).max(2000) });
export const resolveAlertBody = z.object({ version: z.number().int(), comment: z.string().trim().min(3).max(2000) });
