// One process per data dir: two hosts on one dir compacted each other's journals away. The lock
// is proper-lockfile's (an atomic mkdir kept fresh by mtime updates); beside it a small file
// names the holder, so a second host can say who has it and a lock left by a killed process on
// this machine is recovered at once rather than after the staleness delay.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { replaceFile } from './durable-write';

export const LOCK_DIR_NAME = 'marginalia.lock';
export const LOCK_OWNER_NAME = 'marginalia.lock.json';

export interface LockOwner {
  pid: number;
  hostname: string;
  /** e.g. "the browser host (npm run serve)", "the desktop app", "the marginalia command". */
  program: string;
  startedAt: string;
}

/** The data dir is held by another process; the message is one line for the user. */
export class DataDirLockedError extends Error {
  readonly code = 'ELOCKED';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner
      ? `${owner.program}, process ${owner.pid}${owner.hostname !== hostname() ? ` on ${owner.hostname}` : ''}, since ${owner.startedAt}`
      : 'another Marginalia process';
    super(`Marginalia: the data folder ${dataDir} is in use by ${who}. Close it first, or choose another data folder (--data-dir DIR).`);
  }
}

export interface DataDirLock {
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
}

function readOwner(dataDir: string): LockOwner | null {
  try {
    const data = JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_NAME), 'utf8')) as Partial<LockOwner>;
    if (typeof data.pid !== 'number' || typeof data.hostname !== 'string') return null;
    return { pid: data.pid, hostname: data.hostname, program: String(data.program ?? 'another Marginalia process'), startedAt: String(data.startedAt ?? 'unknown') };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/** A lock whose recorded holder ran on this machine and is gone (e.g. killed). */
function heldByDeadProcess(dataDir: string): boolean {
  const owner = readOwner(dataDir);
  return owner !== null && owner.hostname === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

export interface LockOptions {
  program: string;
  /** Called if the lock is lost while running (its folder removed or taken over). */
  onCompromised: (error: Error) => void;
  now?: () => Date;
}

/** Takes the data dir's lock or throws DataDirLockedError naming the holder. */
export async function lockDataDir(dataDir: string, options: LockOptions): Promise<DataDirLock> {
  const lockPath = join(dataDir, LOCK_DIR_NAME);
  if (heldByDeadProcess(dataDir)) await rm(lockPath, { recursive: true, force: true });
  let unlock: () => Promise<void>;
  try {
    unlock = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: 0,
      onCompromised: options.onCompromised,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir, readOwner(dataDir));
    throw error;
  }
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), program: options.program, startedAt: (options.now?.() ?? new Date()).toISOString() };
  // Only names the holder for messages: a full disk must not stop the app from opening its data.
  await replaceFile(join(dataDir, LOCK_OWNER_NAME), `${JSON.stringify(owner)}\n`).catch(() => undefined);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await rm(join(dataDir, LOCK_OWNER_NAME), { force: true }).catch(() => undefined);
      await unlock().catch(() => undefined);
    },
  };
}
