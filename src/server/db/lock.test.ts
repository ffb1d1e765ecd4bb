import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-lock-test-'));
  dirs.push(dir);
  return dir;
}

const lockFile = (dir: string) => join(dir, 'relais.lock');
const readStamp = (dir: string) => JSON.parse(readFileSync(lockFile(dir), 'utf8')) as { pid: number; command: string; since: string };

/** A real other process that stamps the lock with its own pid and stays alive until killed. */
async function holdLockInChild(dir: string, command: string): Promise<ChildProcess> {
  const script = `
    const fs = require('node:fs');
    fs.writeFileSync(${JSON.stringify(lockFile(dir))}, JSON.stringify({ pid: process.pid, command: ${JSON.stringify(command)}, since: new Date().toISOString() }));
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
  });
  return child;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

afterEach(async () => {
  for (const child of children.splice(0)) await stop(child);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('takes a fresh directory, stamping the lock with this process and command', () => {
    const dir = freshDir();
    const release = lockDataDir(dir, 'relais serve');
    const stamp = readStamp(dir);
    expect(stamp.pid).toBe(process.pid);
    expect(stamp.command).toBe('relais serve');
    expect(Math.abs(Date.parse(stamp.since) - Date.now())).toBeLessThan(60_000);
    release();
  });

  it('creates the directory when it does not exist', () => {
    const dir = join(freshDir(), 'not', 'yet', 'there');
    const release = lockDataDir(dir, 'relais migrate');
    expect(existsSync(lockFile(dir))).toBe(true);
    release();
  });

  it('release removes the lock file, may be called twice, and the directory can be locked again', () => {
    const dir = freshDir();
    const release = lockDataDir(dir, 'first');
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
    expect(() => release()).not.toThrow();
    const again = lockDataDir(dir, 'second');
    expect(readStamp(dir).command).toBe('second');
    again();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('refuses a directory held by another live process, naming its pid and command', async () => {
    const dir = freshDir();
    const child = await holdLockInChild(dir, 'relais serve --port 3000');
    let error: unknown;
    try {
      lockDataDir(dir, 'relais trace verify');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    const locked = error as DataDirLockedError;
    expect(locked.holderPid).toBe(child.pid);
    expect(locked.holderCommand).toBe('relais serve --port 3000');
    expect(locked.dataDir).toBe(dir);
    expect(locked.message).toContain(`process ${child.pid} (relais serve --port 3000)`);
    expect(locked.message).toContain('DATABASE_URL');
    // The holder's lock is left alone.
    expect(readStamp(dir).pid).toBe(child.pid);
  });

  it('takes over the lock once its holder has died', async () => {
    const dir = freshDir();
    const child = await holdLockInChild(dir, 'relais serve');
    expect(() => lockDataDir(dir, 'relais serve')).toThrow(DataDirLockedError);
    await stop(child);
    const release = lockDataDir(dir, 'relais serve (after)');
    expect(readStamp(dir)).toMatchObject({ pid: process.pid, command: 'relais serve (after)' });
    release();
  });

  it('takes over an unreadable lock file (a crash while writing it)', () => {
    for (const garbage of ['', '{"pid": 12', 'not json at all']) {
      const dir = freshDir();
      writeFileSync(lockFile(dir), garbage);
      const release = lockDataDir(dir, 'relais serve');
      expect(readStamp(dir).pid).toBe(process.pid);
      release();
    }
  });

  it('takes over a lock stamped with this very pid: pids are reused, so it is a crashed earlier run', () => {
    // The same process locking twice is not detected; what is guaranteed is that a stale stamp
    // carrying our pid (a container restart reuses pids) never locks us out of our own data.
    const dir = freshDir();
    writeFileSync(lockFile(dir), JSON.stringify({ pid: process.pid, command: 'an earlier run', since: '2020-01-01T00:00:00.000Z' }));
    const release = lockDataDir(dir, 'relais serve');
    expect(readStamp(dir)).toMatchObject({ pid: process.pid, command: 'relais serve' });
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });
});
