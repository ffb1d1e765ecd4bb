// PGlite does not lock its data directory, and a second process opening it loses data silently.
// So we hold a pid-stamped lock file; a stale one (its process is gone) is taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderCommand: string,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holderPid} (${holderCommand}). ` +
        'The embedded database serves one process at a time: stop that process first, ' +
        'or point DATABASE_URL at a PostgreSQL server.',
    );
  }
}

interface LockStamp {
  pid: number;
  command: string;
  since: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'relais.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      const stamp: LockStamp = { pid: process.pid, command, since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(stamp));
      closeSync(fd);
      let released = false;
      const onExit = () => rmSync(file, { force: true });
      process.once('exit', onExit);
      return () => {
        if (released) return;
        released = true;
        process.removeListener('exit', onExit);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let stamp: LockStamp | null = null;
      try {
        stamp = JSON.parse(readFileSync(file, 'utf8')) as LockStamp;
      } catch {
        stamp = null; // unreadable: a crash while writing it; treat as stale
      }
      if (stamp && stamp.pid !== process.pid && processAlive(stamp.pid)) {
        throw new DataDirLockedError(dataDir, stamp.pid, stamp.command);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
