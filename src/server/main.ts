// The `relais` command: serve | migrate | seed --demo | seed --maven | trace verify | trace checkpoint | steering rebuild | steering verify | user add
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig, type AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/engine.ts';
import { DataDirLockedError } from './db/lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SIZES, seedDemo } from './seed/demo.ts';
import { MavenImportError, formatMavenReport, importMaven, readMavenDir } from './seed/maven.ts';
import { verifyTrace } from './trace/verify.ts';
import { transactionTime, writeCheckpoint } from './trace/commands.ts';
import { sweepLeads } from './leads/commands.ts';
import { maintenanceDue, vacuumDatabase } from './db/maintenance.ts';
import { parisTime } from './calendar/rules.ts';
import { sweepCases } from './cases/commands.ts';
import { catchUpRollups, rebuildRollups, type Rebuild } from './steering/rollups.ts';
import { sweepAlerts } from './steering/commands.ts';
import { startHub } from './realtime/hub.ts';
import { createUser } from './org/commands.ts';
import { createUserBody } from '../contract/org.ts';
import { SYSTEM } from './auth/principal.ts';
import { zodToDomainError } from './http/route.ts';

const USAGE = `relais — the CRM for multi-channel sales networks

  relais serve                 run the app (PORT, HOST); seeds demo data on an empty database
  relais migrate               apply pending migrations
  relais seed --demo [--small] build the demo network (empty database only)
  relais seed --maven <dir>    import the Maven CRM sample data set (its four CSV files) and report its flaws
  relais trace verify          recompute every hash chain and checkpoint; exit 1 on the first broken link
  relais trace checkpoint      chain the current stream heads into a checkpoint
  relais steering rebuild      recompute every indicator rollup from the facts, say what differed, replace them
  relais steering verify       bring the rollups up to date, then prove they equal a from-scratch computation; exit 1 if not
  relais user add --email E --name N [--role R ...] [--password P]
                               create a user (password from --password or RELAIS_PASSWORD)

Environment: DATABASE_URL (PostgreSQL) or RELAIS_DATA_DIR (embedded, default ./data), PORT, HOST,
RELAIS_DEMO_SEED (full | small | none, for serve on an empty database), RELAIS_SWEEP_SECONDS,
RELAIS_STEERING_SECONDS, RELAIS_STEERING_MIN_GROUP, LOG_LEVEL.`;

/** The advisory lock id for periodic work: on PostgreSQL only one instance runs it. */
const PERIODIC_LOCK = 7_160_413;

async function open(config: AppConfig, command: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, command });
  await migrateToLatest(database.db);
  return database;
}

async function checkpoint(database: Database): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${PERIODIC_LOCK}) AS ok`.execute(trx);
    return locked.rows[0]!.ok ? writeCheckpoint(trx) : 0;
  });
}

/** The lead deadline sweep and the case SLA sweep, the steering alerts, then a trace checkpoint. On PostgreSQL one instance at a time does it. */
async function periodic(database: Database): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${PERIODIC_LOCK}) AS ok`.execute(trx);
    if (!locked.rows[0]!.ok) return;
    const now = await transactionTime(trx);
    await sweepLeads(trx, now);
    await sweepCases(trx, now);
  });
  // Alerts read the rollups: bring them up to date with what the sweeps just wrote, then evaluate.
  await catchUpRollups(database.db);
  await database.db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${PERIODIC_LOCK}) AS ok`.execute(trx);
    if (locked.rows[0]!.ok) await sweepAlerts(trx, await transactionTime(trx));
  });
  await checkpoint(database);
}

/** After a seed: the rollups built from scratch, and the alerts they raise, so the first page shows them. */
async function settleSteering(database: Database) {
  await rebuildRollups(database.db, { replace: true });
  await database.db.transaction().execute(async (trx) => sweepAlerts(trx, await transactionTime(trx)));
}

function printLogins(url: string) {
  console.log(`\nRelais demo data is ready. Sign in at ${url} with password "${DEMO_PASSWORD}":`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(34)} ${l.what}`);
  console.log('');
}

/** Runs `relais seed --demo` as a child of this process (same Node flags, same entry, same environment). */
function seedInChildProcess(flavour: 'full' | 'small'): Promise<void> {
  const args = [...process.execArgv, process.argv[1]!, 'seed', '--demo', ...(flavour === 'small' ? ['--small'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the demo seed failed (exit ${code ?? 'signal'})`))));
  });
}

async function serve(config: AppConfig) {
  let database = await open(config, 'relais serve');
  const users = await database.db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const flavour = process.env.RELAIS_DEMO_SEED ?? 'full';
  if (users.n === 0 && flavour !== 'none') {
    if (flavour !== 'full' && flavour !== 'small') throw new Error('RELAIS_DEMO_SEED must be full, small or none');
    console.log(`Empty database: building the demo network (${flavour})…`);
    // Seeding is the busiest moment of the database's life, and memory grown then is never given back
    // (the embedded engine's least of all): `relais seed --demo` does it in its own process, which ends;
    // the server then opens the seeded database fresh (~300 MB instead of ~470 MB on the full demo).
    await database.close();
    await seedInChildProcess(flavour);
    database = await open(config, 'relais serve');
  }
  const realtime = await startHub(database.listen);
  const app = await buildApp({ db: database.db, engine: database.engine, config }, { logger: true, hub: realtime.hub });
  let maintainedOn: string | null = null;
  const timer = setInterval(() => {
    periodic(database)
      .then(async () => {
        // PostgreSQL's autovacuum does this in the background; the embedded engine has none.
        const now = new Date();
        if (database.engine !== 'pglite' || !maintenanceDue(now, config.maintenanceHour, maintainedOn)) return;
        maintainedOn = parisTime(now).date;
        const started = Date.now();
        await vacuumDatabase(database.db);
        app.log.info({ seconds: (Date.now() - started) / 1000 }, 'nightly VACUUM (ANALYZE) of the embedded database done');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'periodic work failed'));
  }, config.sweepSeconds * 1000);
  // Dashboards read the rollups: bringing them up to date often keeps them a few seconds behind the facts.
  let catchingUp = false;
  const steering = setInterval(() => {
    if (catchingUp) return;
    catchingUp = true;
    catchUpRollups(database.db)
      .catch((error: unknown) => app.log.error({ err: error }, 'steering catch-up failed'))
      .finally(() => (catchingUp = false));
  }, config.steeringSeconds * 1000);
  const stop = async () => {
    clearInterval(timer);
    clearInterval(steering);
    await app.close();
    await realtime.stop();
    await checkpoint(database).catch(() => 0);
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  console.log(`Relais is running on http://${config.host}:${config.port} (${database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
}

/** `relais seed --maven <dir>`: the Maven CRM sample through the commands, then its report. */
async function seedMaven(config: AppConfig, dir: string): Promise<number> {
  let database: Database | null = null;
  try {
    const files = await readMavenDir(dir);
    database = await open(config, 'relais seed --maven');
    const started = Date.now();
    let shown = 0;
    const report = await importMaven(database.db, files, {
      onProgress(done, total) {
        if (done - shown >= 1000 || done === total) {
          shown = done;
          console.log(`  deals: ${done} of ${total} written…`);
        }
      },
    });
    console.log(`\nMaven CRM data set imported from ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    console.log(formatMavenReport(report));
    return 0;
  } catch (error) {
    if (!(error instanceof MavenImportError)) throw error;
    console.error(`Cannot import the Maven data set: ${error.message}`);
    return 1;
  } finally {
    await database?.close();
  }
}

function describeRebuild(r: Rebuild, sub: 'rebuild' | 'verify', seconds: string): string {
  const size = `${r.subjectRows} person/unit-day rows, ${r.unitRows} unit-day rows`;
  const same = r.differences.subject === 0 && r.differences.unit === 0;
  const diff = `${r.differences.subject} subject rows and ${r.differences.unit} unit rows differed`;
  if (sub === 'verify') return same ? `Rollups verified: equal to a from-scratch computation (${size}, ${seconds} s).` : `Rollups DIFFER from a from-scratch computation: ${diff} (${seconds} s).`;
  return `Rollups rebuilt from the facts: ${size} (${seconds} s). ${same ? 'They were already right.' : `Before the rebuild, ${diff}.`}`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      maven: { type: 'string' },
      small: { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const config = loadConfig();
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, command: 'relais migrate' });
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply: the database is up to date.');
      await database.close();
      return 0;
    }
    case 'seed': {
      if (values.maven !== undefined) {
        if (!values.demo) return seedMaven(config, values.maven);
        console.error('Seed one thing at a time: --demo or --maven <dir>');
        return 1;
      }
      if (!values.demo) {
        console.error('Say what to seed: relais seed --demo, or relais seed --maven <dir>');
        return 1;
      }
      const database = await open(config, 'relais seed');
      const summary = await database.db.transaction().execute((trx) => seedDemo(trx, values.small ? DEMO_SIZES.small : DEMO_SIZES.full));
      await settleSteering(database);
      console.log(`Seeded ${summary.regions} regions, ${summary.agencies} agencies, ${summary.users} users, ${summary.accounts} accounts, ${summary.contacts} contacts, ${summary.interactions} interactions, ${summary.deals} deals, ${summary.cases} cases.`);
      printLogins(`http://${config.host}:${config.port}`);
      await database.close();
      return 0;
    }
    case 'trace': {
      const database = await open(config, `relais trace ${sub ?? ''}`.trim());
      try {
        if (sub === 'verify') {
          const started = Date.now();
          const report = await verifyTrace(database.db);
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          if (report.ok) {
            console.log(`Trace verified: ${report.events} events in ${report.streams} streams, ${report.checkpoints} checkpoints (${seconds} s).`);
            return 0;
          }
          const b = report.broken!;
          console.error(`Trace BROKEN at ${b.stream} #${b.seq}: ${b.reason}. (${report.events} events verified before it.)`);
          return 1;
        }
        if (sub === 'checkpoint') {
          const heads = await checkpoint(database);
          console.log(heads ? `Checkpoint written over ${heads} stream heads.` : 'Nothing new since the last checkpoint.');
          return 0;
        }
        console.error('Usage: relais trace verify | relais trace checkpoint');
        return 1;
      } finally {
        await database.close();
      }
    }
    case 'steering': {
      if (sub !== 'rebuild' && sub !== 'verify') {
        console.error('Usage: relais steering rebuild | relais steering verify');
        return 1;
      }
      const database = await open(config, `relais steering ${sub}`);
      try {
        const started = Date.now();
        if (sub === 'verify') await catchUpRollups(database.db);
        const result = await rebuildRollups(database.db, { replace: sub === 'rebuild' });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(describeRebuild(result, sub, seconds));
        return sub === 'verify' && (result.differences.subject > 0 || result.differences.unit > 0) ? 1 : 0;
      } finally {
        await database.close();
      }
    }
    case 'user': {
      if (sub !== 'add') {
        console.error('Usage: relais user add --email E --name N [--role R ...] [--password P]');
        return 1;
      }
      const parsed = createUserBody.safeParse({
        email: values.email,
        name: values.name,
        password: values.password ?? process.env.RELAIS_PASSWORD,
        roles: values.role?.length ? values.role : ['agent'],
      });
      if (!parsed.success) {
        const error = zodToDomainError(parsed.error, 'user');
        console.error(`Cannot add user: ${error.message} (${error.code})`);
        return 1;
      }
      const database = await open(config, 'relais user add');
      try {
        const id = await database.db.transaction().execute((trx) => createUser({ db: trx, actor: SYSTEM, channel: 'cli' }, parsed.data));
        console.log(`User ${parsed.data.email} created (${id}).`);
        return 0;
      } finally {
        await database.close();
      }
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof DataDirLockedError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
