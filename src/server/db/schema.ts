// The database, typed once. Table types mirror the migrations.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | undefined, string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type Int8 = ColumnType<string, number | bigint | string, number | bigint | string>;

export type PoolKind =
  | 'sales'
  | 'sales_assistant'
  | 'inbound'
  | 'telemarketing'
  | 'associate_seller'
  | 'back_office'
  | 'marketing';
export type Role = 'agent' | 'manager' | 'director' | 'admin';
export type UnitType = 'nation' | 'region' | 'agency' | 'pool';

export interface RegionTable {
  id: string;
  code: string;
  name: string;
  created_at: Generated<Date>;
}

export interface AgencyTable {
  id: string;
  region_id: string;
  code: string;
  name: string;
  city: string;
  created_at: Generated<Date>;
}

export interface PoolTable {
  id: string;
  kind: PoolKind;
  name: string;
  scope: 'agency' | 'region' | 'nation';
  agency_id: string | null;
  region_id: string | null;
  created_at: Generated<Date>;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  roles: Role[];
  home_agency_id: string | null;
  active: Generated<boolean>;
  absent_from: string | null;
  absent_until: string | null;
  backup_user_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PoolMembershipTable {
  id: string;
  pool_id: string;
  user_id: string;
  starts_on: DateOnly;
  ends_on: string | null;
}

export interface AgencyAssignmentTable {
  id: string;
  user_id: string;
  agency_id: string;
  share_pct: number;
  starts_on: DateOnly;
  ends_on: string | null;
}

export interface ManagedUnitTable {
  id: string;
  user_id: string;
  unit_type: UnitType;
  unit_id: string | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type Segment = 'mass' | 'intermediate' | 'key';
export type AccountStatus = 'prospect' | 'customer' | 'former';

export interface FieldProvenance {
  by: string | null;
  byName: string;
  channel: string;
  at: string;
}

export interface AccountTable {
  id: string;
  name: string;
  siren: string | null;
  siret: string | null;
  segment: Segment;
  sector: string | null;
  size_band: string | null;
  revenue_cents: Int8 | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: Generated<string>;
  phones: string[];
  emails: string[];
  phone_search: string;
  owner_id: string | null;
  agency_id: string;
  region_id: string;
  parent_id: string | null;
  status: AccountStatus;
  completeness: number;
  custom_fields: ColumnType<Record<string, unknown>, string | undefined, string>;
  field_provenance: Json<Record<string, FieldProvenance>>;
  archived_at: Date | null;
  duplicate_review: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactTable {
  id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  job_title: string | null;
  phones: string[];
  emails: string[];
  phone_search: string;
  decision_maker: boolean;
  consent_call: boolean;
  consent_mail: boolean;
  archived_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Channel = 'phone_in' | 'phone_out' | 'email_in' | 'email_out' | 'visit' | 'web' | 'mail' | 'chat' | 'hotline';

export interface InteractionTable {
  id: string;
  account_id: string;
  contact_id: string | null;
  channel: Channel;
  actor_id: string;
  subject: string;
  notes: string;
  outcome: string | null;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
  amends_id: string | null;
  case_id: Generated<string | null>;
}

export interface TraceEventTable {
  stream: string;
  seq: number;
  id: ColumnType<string, never, never>;
  actor_id: string | null;
  action: string;
  recorded_at: Timestamp;
  payload: Json<Record<string, unknown>>;
  payload_hash: string;
  prev_hash: string;
  hash: string;
}

export interface TraceHeadTable {
  stream: string;
  seq: number;
  hash: string;
  checkpointed_seq: Generated<number>;
}

export interface TraceCheckpointTable {
  id: ColumnType<string, never, never>;
  recorded_at: Generated<Date>;
  heads: Json<Array<[string, number, string]>>;
  prev_hash: string;
  hash: string;
}

export interface ProductTable {
  id: string;
  code: string;
  name: string;
  family: string;
  complexity: 'basic' | 'complex';
  list_price_cents: Int8;
  currency: Generated<string>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface RoutingRuleTable {
  id: string;
  agency_id: string | null;
  version: number;
  config: Json<{ deadlineHours: Record<Segment, number>; warnRatio: number; expireAfterDays: number }>;
  text: string;
  author_id: string | null;
  effective_from: Timestamp;
  created_at: Generated<Date>;
}

export type LeadStatus = 'new' | 'accepted' | 'rejected' | 'converted' | 'expired';

export interface LeadTable {
  id: string;
  account_id: string;
  contact_id: string | null;
  product_id: string;
  need: string;
  estimated_value_cents: Int8 | null;
  source: string;
  source_campaign: string | null;
  initiator_id: string | null;
  status: Generated<LeadStatus>;
  assignee_id: string | null;
  agency_id: string;
  region_id: string;
  routing: Json<{ code: string; text: string; ruleVersion: number }>;
  created_at: Timestamp;
  due_at: Timestamp;
  warn_at: Timestamp;
  offered_at: Date | null;
  taken_at: Date | null;
  late_at: Date | null;
  answered_at: Date | null;
  reject_reason: string | null;
  reject_note: string | null;
  converted_at: Date | null;
  expires_at: Date | null;
  deal_id: string | null;
  version: Generated<number>;
}

export type DealStage = 'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost';

export interface DealTable {
  id: string;
  account_id: string;
  lead_id: string | null;
  title: string;
  owner_id: string;
  created_by: string | null;
  agency_id: string;
  region_id: string;
  stage: Generated<DealStage>;
  probability: number;
  amount_cents: Int8;
  currency: Generated<string>;
  expected_close: string | null;
  loss_reason: string | null;
  loss_note: string | null;
  created_at: Timestamp;
  stage_changed_at: Timestamp;
  closed_at: Date | null;
  opened_on: DateOnly;
  closed_on: string | null;
  version: Generated<number>;
}

export interface DealLineTable {
  id: string;
  deal_id: string;
  position: number;
  product_id: string;
  quantity: number;
  unit_price_cents: Int8;
  discount_bp: Generated<number>;
  amount_cents: Int8;
}

export type SalesRuleKind = 'eligibility' | 'incentive' | 'attribution' | 'stage_probability';

export interface SalesRuleTable {
  id: string;
  kind: SalesRuleKind;
  subject: string;
  version: number;
  config: Json<Record<string, unknown>>;
  text_en: string;
  text_fr: string;
  author_id: string | null;
  effective_from: Timestamp;
  created_at: Generated<Date>;
}

export type CreditRole = 'initiator' | 'seller' | 'owner_incentive' | 'adjustment';

export interface CreditEntryTable {
  id: string;
  deal_id: string;
  line_id: string;
  account_id: string;
  family: string;
  user_id: string;
  role: CreditRole;
  share_bp: number;
  amount_cents: Int8;
  basis: Json<Record<string, unknown>>;
  dispute_id: string | null;
  recorded_at: Timestamp;
}

export type DisputeStatus = 'open' | 'decided' | 'appealed' | 'final';
export type ArbiterLevel = 'agency' | 'region' | 'nation';

export interface CreditDisputeTable {
  id: string;
  reference: string;
  deal_id: string;
  line_id: string;
  account_id: string;
  family: string;
  claimant_id: string;
  counterparty_id: string;
  requested_bp: number;
  claim: string;
  evidence: Json<Record<string, unknown>>;
  status: DisputeStatus;
  arbiter_id: string;
  arbiter_level: ArbiterLevel;
  appealed_by: string | null;
  appeal_reason: string | null;
  filed_at: Timestamp;
  version: Generated<number>;
}

export interface CreditRulingTable {
  id: string;
  dispute_id: string;
  round: 1 | 2;
  arbiter_id: string;
  level: ArbiterLevel;
  awarded_bp: number;
  justification: string;
  decided_at: Timestamp;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  lead_id: string | null;
  deal_id: string | null;
  dispute_id: string | null;
  case_id: Generated<string | null>;
  alert_id: Generated<string | null>;
  text: string;
  params: ColumnType<Record<string, string | null>, string | undefined, string>;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export type CaseStatus = 'open' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed';
export type CaseType = 'complaint' | 'billing' | 'technical' | 'delivery' | 'information';
export type CasePriority = 'low' | 'normal' | 'high' | 'critical';

export interface CaseRuleTable {
  id: string;
  kind: 'routing' | 'sla';
  version: number;
  config: Json<Record<string, unknown>>;
  text_en: string;
  text_fr: string;
  author_id: string | null;
  effective_from: Timestamp;
  created_at: Generated<Date>;
}

export interface CaseTable {
  id: string;
  reference: string;
  account_id: string;
  contact_id: string | null;
  type: CaseType;
  priority: CasePriority;
  status: Generated<CaseStatus>;
  subject: string;
  description: string;
  product_id: string | null;
  channel: string;
  agency_id: string;
  region_id: string;
  pool_id: string;
  assignee_id: string | null;
  opened_by: string | null;
  routing: Json<Record<string, unknown>>;
  sla: Json<{ firstResponseMinutes: number; resolutionMinutes: number }>;
  opened_at: Timestamp;
  first_responded_at: Date | null;
  first_response_due_at: Date | null;
  first_response_warn_at: Date | null;
  resolution_due_at: Date | null;
  resolution_warn_at: Date | null;
  alerts: ColumnType<{ warnedFirstResponse: boolean; breachedFirstResponse: boolean; warnedResolution: boolean; breachedResolution: boolean }, string | undefined, string>;
  resolved_at: Date | null;
  closed_at: Date | null;
  resolution_summary: string | null;
  responsible_unit_type: 'agency' | 'pool' | 'region' | null;
  responsible_unit_id: string | null;
  responsibility_note: string | null;
  responsibility_set_by: string | null;
  responsibility_set_at: Date | null;
  transfer_count: Generated<number>;
  ping_pong: Generated<boolean>;
  next_alert_at: Date | null;
  /** Generated: LEAST(first_response_due_at, resolution_due_at), the queue's order. */
  urgent_at: Generated<Date | null>;
  version: Generated<number>;
}

export type ResponsibleUnitType = 'agency' | 'pool' | 'region';

export interface CaseResponsibilityDisputeTable {
  id: string;
  case_id: string;
  unit_type: ResponsibleUnitType;
  unit_id: string;
  contested_by: string;
  justification: string;
  filed_at: Timestamp;
  arbiter_id: string | null;
  level: 'agency' | 'region' | 'nation';
  outcome: 'upheld' | 'moved' | null;
  decision: string | null;
  decided_unit_type: ResponsibleUnitType | null;
  decided_unit_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export interface CaseStatusChangeTable {
  case_id: string;
  seq: number;
  status: CaseStatus;
  at: Timestamp;
}

export interface CaseTransferTable {
  id: string;
  case_id: string;
  from_pool_id: string;
  to_pool_id: string;
  reason: string;
  by_id: string | null;
  at: Timestamp;
}

export interface DealStageChangeTable {
  id: string;
  deal_id: string;
  account_id: string;
  owner_id: string;
  from_stage: DealStage;
  to_stage: DealStage;
  at: Timestamp;
  /** A contact was logged on the account in the 7 days before the move. */
  backed: boolean;
}

export type SteeringUnitType = 'nation' | 'region' | 'agency' | 'pool';

export interface SteeringSubjectDayTable {
  subject_id: string;
  /** 'infinity': the figures of now. */
  day: string;
  metric: string;
  value: Int8;
}

export interface SteeringUnitDayTable {
  unit_type: SteeringUnitType;
  unit_id: string;
  day: string;
  metric: string;
  value: ColumnType<string, string | number, string | number>;
}

export interface SteeringDirtyTable {
  subject_id: string;
  day: string;
  /** Which family of facts changed ('all': every one; 'allocation': only the units it counts in). */
  source: 'all' | 'allocation' | 'interactions' | 'leads' | 'deals' | 'stage_changes' | 'cases' | 'accounts';
}

export interface SteeringUnitDirtyTable {
  unit_type: SteeringUnitType;
  unit_id: string;
  day: string;
}

export interface SteeringStateTable {
  singleton: Generated<boolean>;
  caught_up_at: Date | null;
  rebuilt_at: Date | null;
}

export interface ObjectiveTable {
  id: string;
  unit_type: 'nation' | 'region' | 'agency' | 'pool' | 'person';
  unit_id: string;
  indicator: 'won_revenue' | 'lead_conversion' | 'leads_on_time';
  period_kind: 'month' | 'quarter' | 'year';
  period_from: string;
  period_to: string;
  target: ColumnType<string, string | number, string | number>;
  set_by: string | null;
  set_at: Timestamp;
  version: Generated<number>;
}

export interface AlertRuleTable {
  id: string;
  name: string;
  indicator: string;
  unit_type: 'nation' | 'region' | 'agency' | 'pool';
  unit_id: string;
  applies_to: 'unit' | 'regions' | 'agencies' | 'pools' | 'reps';
  comparison: 'above' | 'below';
  threshold: ColumnType<string, string | number, string | number>;
  period_kind: 'week' | 'month' | 'quarter' | 'year' | 'business_days';
  period_days: number | null;
  notify: 'leaders' | 'leaders_and_person';
  active: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AlertStateTable {
  rule_id: string;
  target_type: string;
  target_id: string;
  period_from: string;
  crossed: boolean;
  changed_at: Timestamp;
}

export interface AlertTable {
  id: string;
  rule_id: string;
  rule_version: number;
  indicator: string;
  comparison: 'above' | 'below';
  threshold: ColumnType<string, string | number, string | number>;
  target_type: 'nation' | 'region' | 'agency' | 'pool' | 'person';
  target_id: string;
  target_name: string;
  period_from: string;
  period_to: string;
  value: number;
  status: Generated<'open' | 'acknowledged' | 'resolved'>;
  fired_at: Timestamp;
  cleared_at: Date | null;
  version: Generated<number>;
}

export interface AlertRecipientTable {
  alert_id: string;
  user_id: string;
}

export interface AlertEventTable {
  id: string;
  alert_id: string;
  at: Timestamp;
  actor_id: string | null;
  action: 'fired' | 'acknowledged' | 'commented' | 'resolved' | 'cleared';
  comment: string | null;
  value: number | null;
}

export interface DB {
  regions: RegionTable;
  agencies: AgencyTable;
  pools: PoolTable;
  users: UserTable;
  pool_memberships: PoolMembershipTable;
  agency_assignments: AgencyAssignmentTable;
  managed_units: ManagedUnitTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  accounts: AccountTable;
  contacts: ContactTable;
  interactions: InteractionTable;
  trace_events: TraceEventTable;
  trace_heads: TraceHeadTable;
  trace_checkpoints: TraceCheckpointTable;
  products: ProductTable;
  routing_rules: RoutingRuleTable;
  leads: LeadTable;
  deals: DealTable;
  deal_lines: DealLineTable;
  sales_rules: SalesRuleTable;
  credit_entries: CreditEntryTable;
  credit_disputes: CreditDisputeTable;
  credit_rulings: CreditRulingTable;
  notifications: NotificationTable;
  case_rules: CaseRuleTable;
  cases: CaseTable;
  case_status_changes: CaseStatusChangeTable;
  case_transfers: CaseTransferTable;
  case_responsibility_disputes: CaseResponsibilityDisputeTable;
  deal_stage_changes: DealStageChangeTable;
  steering_subject_days: SteeringSubjectDayTable;
  steering_unit_days: SteeringUnitDayTable;
  steering_dirty: SteeringDirtyTable;
  steering_unit_dirty: SteeringUnitDirtyTable;
  steering_state: SteeringStateTable;
  objectives: ObjectiveTable;
  alert_rules: AlertRuleTable;
  alert_states: AlertStateTable;
  alerts: AlertTable;
  alert_recipients: AlertRecipientTable;
  alert_events: AlertEventTable;
}

export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type Contact = Selectable<ContactTable>;
export type Interaction = Selectable<InteractionTable>;
export type User = Selectable<UserTable>;
export type TraceEvent = Selectable<TraceEventTable>;
