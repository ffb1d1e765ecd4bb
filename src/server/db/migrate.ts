import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import type { DB } from './schema.ts';
import * as foundation from './migrations/2026-11-28T1830_foundation.ts';
import * as leads from './migrations/2026-11-28T1915_leads.ts';
import * as readPaths from './migrations/2026-11-28T2000_read_paths.ts';
import * as traceErasure from './migrations/2026-11-28T2010_trace_erasure.ts';
import * as leadTaken from './migrations/2026-11-28T2030_lead_taken.ts';
import * as notificationParams from './migrations/2026-11-28T2040_notification_params.ts';
import * as leadRotationIndex from './migrations/2026-11-28T2100_lead_rotation_index.ts';
import * as dealsCredit from './migrations/2026-11-28T2200_deals_credit.ts';
import * as cases from './migrations/2026-11-28T2300_cases.ts';
import * as caseResponsibility from './migrations/2026-11-29T0000_case_responsibility.ts';
import * as caseUrgency from './migrations/2026-11-29T0100_case_urgency.ts';
import * as caseAssignmentHistory from './migrations/2026-11-29T0200_case_assignment_history.ts';
import * as steering from './migrations/2026-11-29T0300_steering.ts';
import * as objectivesAlerts from './migrations/2026-11-29T0400_objectives_alerts.ts';
import * as steeringMarkSources from './migrations/2026-11-29T0500_steering_mark_sources.ts';
import * as steeringMarkLocks from './migrations/2026-11-29T0600_steering_mark_locks.ts';
import * as steeringFinerQualifyBands from './migrations/2026-11-29T0700_steering_finer_qualify_bands.ts';
import * as steeringQuickBusiness from './migrations/2026-11-29T0800_steering_quick_business.ts';
import * as caseQueuePages from './migrations/2026-11-29T0900_case_queue_pages.ts';
import * as steeringCoveringKeys from './migrations/2026-11-29T1000_steering_covering_keys.ts';
import * as steeringWonFromLead from './migrations/2026-11-29T1100_steering_won_from_lead.ts';
import * as notificationsWithoutForeignKeys from './migrations/2026-11-29T1200_notifications_without_foreign_keys.ts';
import * as lookupsWithoutParallelWorkers from './migrations/2026-11-29T1300_lookups_without_parallel_workers.ts';

/** Every migration, by name, in order. Add a new file under migrations/ and list it here. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28T1830_foundation': foundation,
  '2026-11-28T1915_leads': leads,
  '2026-11-28T2000_read_paths': readPaths,
  '2026-11-28T2010_trace_erasure': traceErasure,
  '2026-11-28T2030_lead_taken': leadTaken,
  '2026-11-28T2040_notification_params': notificationParams,
  '2026-11-28T2100_lead_rotation_index': leadRotationIndex,
  '2026-11-28T2200_deals_credit': dealsCredit,
  '2026-11-28T2300_cases': cases,
  '2026-11-29T0000_case_responsibility': caseResponsibility,
  '2026-11-29T0100_case_urgency': caseUrgency,
  '2026-11-29T0200_case_assignment_history': caseAssignmentHistory,
  '2026-11-29T0300_steering': steering,
  '2026-11-29T0400_objectives_alerts': objectivesAlerts,
  '2026-11-29T0500_steering_mark_sources': steeringMarkSources,
  '2026-11-29T0600_steering_mark_locks': steeringMarkLocks,
  '2026-11-29T0700_steering_finer_qualify_bands': steeringFinerQualifyBands,
  '2026-11-29T0800_steering_quick_business': steeringQuickBusiness,
  '2026-11-29T0900_case_queue_pages': caseQueuePages,
  '2026-11-29T1000_steering_covering_keys': steeringCoveringKeys,
  '2026-11-29T1100_steering_won_from_lead': steeringWonFromLead,
  '2026-11-29T1200_notifications_without_foreign_keys': notificationsWithoutForeignKeys,
  '2026-11-29T1300_lookups_without_parallel_workers': lookupsWithoutParallelWorkers,
};

function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error) {
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

export async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt).map((m) => m.name);
}
