// Small file-system helpers shared by the store, the settings and the loader:
// moving a damaged file aside (never deleting it), directory fsync, and readable error text.
import { closeSync, constants as fsConstants, fsyncSync, openSync } from 'node:fs';
import { access, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** An ISO time usable in a file name on every OS (no ':'), e.g. 2026-01-02T03-04-05-678Z. */
export function fileSafeTimestamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Renames `path` to `<path>.corrupt-<timestamp>` (adding -2, -3… if taken) and returns the new
 * path. The bytes are kept exactly; nothing is deleted.
 */
export async function moveAside(path: string, at: Date): Promise<string> {
  const base = `${path}.corrupt-${fileSafeTimestamp(at)}`;
  let target = base;
  for (let n = 2; await exists(target); n++) target = `${base}-${n}`;
  await rename(path, target);
  await fsyncDirectory(dirname(path));
  return target;
}

/**
 * Makes a rename or a new file in `dir` durable. Best effort: some platforms (Windows)
 * cannot open a directory, and there the rename is already durable enough.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  if (!dir) return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here; nothing more we can do
  }
}

/** fsyncDirectory for synchronous callers. */
export function fsyncDirectorySync(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}

/** A short, analyst-readable reason for a file-system error. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
