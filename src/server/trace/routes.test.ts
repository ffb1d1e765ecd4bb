import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anonymous, signedIn, testServer } from '../../../test/support/server.ts';
import { buildAccount, buildAgency, buildRegion, buildRep, buildUser, newSiren, unique } from '../../../test/support/factories.ts';
import type { StreamTrace } from '../../contract/trace.ts';
import { ROOT } from '../app.ts';
import { openDatabase } from '../db/engine.ts';
import { GENESIS_HASH } from './rules.ts';

// Starting the worker's database and server can take a while on a loaded machine: do it under the hook timeout.
beforeAll(async () => {
  await testServer();
});

describe('GET /api/trace/streams/:stream', () => {
  it("shows a reader an account's events newest first, each verified, and hides them from another region (404)", async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const created = await client.post<{ id: string }>('/api/accounts', { name: unique('Tracée'), segment: 'mass', agencyId: rep.agencyId, siren: newSiren() });
    expect(created.status).toBe(201);
    const accountId = created.body.id;
    expect((await client.patch(`/api/accounts/${accountId}`, { version: 1, city: 'Lyon' })).status).toBe(200);
    expect((await client.post('/api/interactions', { accountId, channel: 'visit', subject: 'Visite' })).status).toBe(201);

    expect((await (await anonymous()).get(`/api/trace/streams/account:${accountId}`)).status).toBe(401);

    const reply = await client.get<StreamTrace>(`/api/trace/streams/account:${accountId}`);
    expect(reply.status).toBe(200);
    const trace = reply.body;
    expect(trace).toMatchObject({ stream: `account:${accountId}`, verified: true, brokenAt: null });
    expect(trace.events.map((e) => [e.seq, e.action])).toEqual([
      [3, 'interaction.logged'],
      [2, 'account.updated'],
      [1, 'account.created'],
    ]);
    expect(trace.events.every((e) => e.verified)).toBe(true);
    expect(trace.events.every((e) => e.actorId === rep.id && e.actorName === rep.principal.name)).toBe(true);
    // Each link points at the one before it; the first at the genesis hash.
    expect(trace.events[0]!.prevHash).toBe(trace.events[1]!.hash);
    expect(trace.events[1]!.prevHash).toBe(trace.events[2]!.hash);
    expect(trace.events[2]!.prevHash).toBe(GENESIS_HASH);
    expect(trace.events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(trace.events[0]!.recordedAt)).toBeGreaterThanOrEqual(Date.parse(trace.events[2]!.recordedAt));
    expect(trace.events[1]!.payload).toEqual({ changes: { city: { from: null, to: 'Lyon' } } });

    const stranger = await buildRep();
    const strangerClient = await signedIn(stranger.email);
    const hidden = await strangerClient.get(`/api/trace/streams/account:${accountId}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ code: 'stream.not_found' });

    // A national reader (admin) sees it too.
    const admin = await buildUser({ roles: ['admin'] });
    expect((await (await signedIn(admin.email)).get(`/api/trace/streams/account:${accountId}`)).status).toBe(200);
  });

  it("lets people read their own user stream but not someone else's, nor organisation streams; explorers read them all", async () => {
    const rep = await buildRep();
    const other = await buildUser();
    const client = await signedIn(rep.email);
    const own = await client.get<StreamTrace>(`/api/trace/streams/user:${rep.id}`);
    expect(own.status).toBe(200);
    expect(own.body.verified).toBe(true);
    expect(own.body.events.map((e) => e.action)).toEqual(['session.opened', 'user.created']);
    expect((await client.get(`/api/trace/streams/user:${other.id}`)).status).toBe(404);
    expect((await client.get(`/api/trace/streams/region:${rep.regionId}`)).status).toBe(404);
    expect((await client.get(`/api/trace/streams/agency:${rep.agencyId}`)).status).toBe(404);

    const bad = await client.get('/api/trace/streams/nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'stream' });

    const director = await buildUser({ roles: ['director'], manages: [{ type: 'nation', id: null }] });
    const directorClient = await signedIn(director.email);
    const region = await directorClient.get<StreamTrace>(`/api/trace/streams/region:${rep.regionId}`);
    expect(region.status).toBe(200);
    expect(region.body.events.map((e) => e.action)).toEqual(['region.created']);
    expect((await directorClient.get<StreamTrace>(`/api/trace/streams/user:${other.id}`)).body.verified).toBe(true);
  });

  it('answers 404 for an account that does not exist', async () => {
    const admin = await buildUser({ roles: ['admin'] });
    const client = await signedIn(admin.email);
    const region = await buildRegion();
    const agency = await buildAgency({ regionId: region.id });
    const account = await buildAccount({ agencyId: agency.id });
    expect((await client.get(`/api/trace/streams/account:${account.id}`)).status).toBe(200);
    expect((await client.get(`/api/trace/streams/account:${account.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`)).status).toBe(404);
  });
});

describe('GET /api/trace/verify', () => {
  it('is refused to an agent (403) and recomputes every chain for an admin and a director', async () => {
    const rep = await buildRep();
    const agent = await signedIn(rep.email);
    const refused = await agent.get('/api/trace/verify');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden' });

    const admin = await buildUser({ roles: ['admin'] });
    const report = await (await signedIn(admin.email)).get<{ ok: boolean; events: number; streams: number; broken: unknown }>('/api/trace/verify');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: true, broken: null });
    expect(report.body.events).toBeGreaterThan(0);
    expect(report.body.streams).toBeGreaterThan(0);
    expect(report.body.events).toBeGreaterThanOrEqual(report.body.streams);

    const director = await buildUser({ roles: ['director'], manages: [{ type: 'nation', id: null }] });
    expect((await (await signedIn(director.email)).get('/api/trace/verify')).status).toBe(200);
    expect((await (await anonymous()).get('/api/trace/verify')).status).toBe(401);
  });
});

// The CLI runs on the embedded engine in its own data directory (skipped on the PostgreSQL run).
describe('relais trace verify (CLI)', () => {
  interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
  }

  const cliEnv = (dataDir: string, extra: Record<string, string> = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, RELAIS_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
    delete env.DATABASE_URL;
    delete env.RELAIS_TEST_DATABASE_URL;
    return env;
  };

  function relais(args: string[], env: NodeJS.ProcessEnv) {
    return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = relais(args, env);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(port));
      });
    });
  }

  it.skipIf(Boolean(process.env.RELAIS_TEST_DATABASE_URL))(
    'verifies a seeded data directory (exit 0), and refuses a second process while a server holds it (exit 1)',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
      const env = cliEnv(dataDir);
      let server: ReturnType<typeof relais> | null = null;
      try {
        const seeded = await run(['seed', '--demo', '--small'], env);
        expect(seeded.code, seeded.stderr).toBe(0);
        expect(seeded.stdout).toMatch(/Seeded \d+ regions/);

        const verified = await run(['trace', 'verify'], env);
        expect(verified.code, verified.stderr).toBe(0);
        expect(verified.stdout).toMatch(/Trace verified: \d+ events/);
        expect(Number(/Trace verified: (\d+) events/.exec(verified.stdout)![1])).toBeGreaterThan(0);

        // The seed built the indicator rollups: they equal a computation from scratch.
        const rollups = await run(['steering', 'verify'], env);
        expect(rollups.code, rollups.stderr + rollups.stdout).toBe(0);
        expect(rollups.stdout).toMatch(/Rollups verified: equal to a from-scratch computation \([1-9]\d* person\/unit-day rows/);

        // Rollups gone wrong (a counter changed, a unit row lost, one invented): verify says so, rebuild puts them right.
        const direct = await openDatabase({ dataDir, command: 'the CLI test' });
        await sql`UPDATE steering_subject_days SET value = value + 7 WHERE (subject_id, day, metric) IN (SELECT subject_id, day, metric FROM steering_subject_days LIMIT 1)`.execute(direct.db);
        await sql`DELETE FROM steering_unit_days WHERE (unit_type, unit_id, day, metric) IN (SELECT unit_type, unit_id, day, metric FROM steering_unit_days LIMIT 1)`.execute(direct.db);
        await sql`INSERT INTO steering_unit_days VALUES ('nation', '00000000-0000-0000-0000-000000000000', '2001-01-01', 'interactions.logged', 3)`.execute(direct.db);
        await direct.close();
        const wrong = await run(['steering', 'verify'], env);
        expect(wrong.code, wrong.stderr + wrong.stdout).toBe(1);
        expect(wrong.stdout).toMatch(/Rollups DIFFER from a from-scratch computation: 1 subject rows and 2 unit rows differed/);
        const rebuilt = await run(['steering', 'rebuild'], env);
        expect(rebuilt.code, rebuilt.stderr + rebuilt.stdout).toBe(0);
        expect(rebuilt.stdout).toMatch(/Rollups rebuilt from the facts: .* Before the rebuild, 1 subject rows and 2 unit rows differed\./);
        const right = await run(['steering', 'verify'], env);
        expect(right.code, right.stderr + right.stdout).toBe(0);

        const port = await freePort();
        server = relais(['serve'], cliEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1', RELAIS_DEMO_SEED: 'none' }));
        let serverOutput = '';
        server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
        server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));

        const deadline = Date.now() + 60_000;
        let healthy = false;
        while (!healthy && Date.now() < deadline && server.exitCode === null) {
          try {
            const health = await fetch(`http://127.0.0.1:${port}/api/health`);
            healthy = health.status === 200 && ((await health.json()) as { engine: string }).engine === 'pglite';
          } catch {
            await new Promise((r) => setTimeout(r, 250));
          }
        }
        expect(healthy, serverOutput).toBe(true);

        const refused = await run(['trace', 'verify'], env);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('in use by process');
        expect(refused.stderr).toContain(String(server.pid));
        expect(refused.stdout).not.toMatch(/Trace verified/);

        // Stopped cleanly, the server releases the directory.
        expect(existsSync(join(dataDir, 'relais.lock'))).toBe(true);
        server.kill('SIGTERM');
        expect(await exited).toBe(0);
        server = null;
        expect(existsSync(join(dataDir, 'relais.lock'))).toBe(false);
      } finally {
        if (server && server.exitCode === null) server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    // Seeding and three cold starts of the embedded engine: about 15 s on an idle machine, much more on a loaded one.
    180_000,
  );
});
