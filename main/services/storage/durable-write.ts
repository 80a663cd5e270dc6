// The one write path of the app: every file Marginalia writes (store snapshots and journals,
// uploads, orphans, exports, settings) goes through here. A write either completes, fsynced and
// read back equal, or throws; a short write is retried until done or until the OS says why not.
// Write-file-atomic and atomically make one write call and ignore a short count, which on a
// full disk renamed a half-written snapshot over a good one.
import { closeSync, fsyncSync, openSync, readSync, renameSync, unlinkSync, writeSync, constants as fsConstants } from 'node:fs';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { describeFsError, fsyncDirectory, fsyncDirectorySync } from '../fs-safety';

/** Files the app creates are private to the user; folders likewise (PRIVATE_DIR_MODE). */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** A failed write, with the OS code kept and a message that starts with the reason. */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function writeError(path: string, error: unknown, what = 'writing'): WriteError {
  if (error instanceof WriteError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new WriteError(path, code, `${describeFsError(error)} (${what} ${path})`);
}

/** Raised when the OS accepts zero bytes without an error: treated as a full disk. */
function noProgress(): NodeJS.ErrnoException {
  return Object.assign(new Error('the disk accepted no more bytes'), { code: 'ENOSPC' });
}

function toBytes(data: string | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

async function writeAll(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten <= 0) throw noProgress();
    done += bytesWritten;
  }
}

function writeAllSync(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) {
    const written = writeSync(fd, bytes, done, bytes.length - done, position + done);
    if (written <= 0) throw noProgress();
    done += written;
  }
}

async function readBack(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const copy = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(copy, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return copy.subarray(0, done);
}

function readBackSync(fd: number, length: number, position: number): Buffer {
  const copy = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, copy, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return copy.subarray(0, done);
}

function mismatch(path: string): WriteError {
  return new WriteError(path, 'EIO', `the file read back differs from what was written (writing ${path})`);
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Temp files of an interrupted replaceFile: `.<name>.<12 hex>.tmp`. */
export const TEMP_FILE_PATTERN = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Replaces `path` with `data` atomically: a temp file beside it is written in full, fsynced and
 * read back equal; only then is it renamed over the target (and the folder fsynced). On any
 * failure the target is untouched and the temp file removed.
 */
export async function replaceFile(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const bytes = toBytes(data);
  const temp = tempPathFor(path);
  let handle: FileHandle | null = null;
  try {
    handle = await open(temp, fsConstants.O_RDWR | fsConstants.O_CREAT | fsConstants.O_EXCL, options.mode ?? PRIVATE_FILE_MODE);
    await writeAll(handle, bytes, 0);
    await handle.sync();
    const copy = await readBack(handle, bytes.length + 1, 0);
    if (!copy.equals(bytes)) throw mismatch(path);
    await handle.close();
    handle = null;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw writeError(path, error);
  }
  await fsyncDirectory(dirname(path));
}

/** replaceFile for synchronous callers (conf and electron-store write settings synchronously). */
export function replaceFileSync(path: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const bytes = toBytes(data);
  const temp = tempPathFor(path);
  let fd: number | null = null;
  try {
    fd = openSync(temp, fsConstants.O_RDWR | fsConstants.O_CREAT | fsConstants.O_EXCL, options.mode ?? PRIVATE_FILE_MODE);
    writeAllSync(fd, bytes, 0);
    fsyncSync(fd);
    const copy = readBackSync(fd, bytes.length + 1, 0);
    closeSync(fd);
    fd = null;
    if (!copy.equals(bytes)) throw mismatch(path);
    renameSync(temp, path);
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the original error matters
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // nothing to remove
    }
    throw writeError(path, error);
  }
  fsyncDirectorySync(dirname(path));
}

/**
 * Appends `data` at byte `sizeBefore` (the size the caller knows), fsyncs, and checks the file
 * now ends exactly there. On failure the file is cut back to `sizeBefore`, so no half batch remains.
 * Returns the new size.
 */
export async function appendToFile(path: string, data: string | Uint8Array, sizeBefore: number): Promise<number> {
  const bytes = toBytes(data);
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, fsConstants.O_RDWR | fsConstants.O_CREAT | fsConstants.O_NOFOLLOW, PRIVATE_FILE_MODE);
    const { size } = await handle.stat();
    // Something else wrote to the file (another process): appending would interleave.
    if (size !== sizeBefore) throw new WriteError(path, 'ESTALE', `the file changed on disk while Marginalia had it open (${path} is ${size} bytes, expected ${sizeBefore})`);
    await writeAll(handle, bytes, sizeBefore);
    await handle.sync();
    const copy = await readBack(handle, bytes.length + 1, sizeBefore);
    if (!copy.equals(bytes)) throw mismatch(path);
    await handle.close();
    handle = null;
    return sizeBefore + bytes.length;
  } catch (error) {
    if (handle && !(error instanceof WriteError && error.code === 'ESTALE')) {
      await handle.truncate(sizeBefore).catch(() => undefined);
      await handle.sync().catch(() => undefined);
    }
    await handle?.close().catch(() => undefined);
    throw writeError(path, error);
  }
}

/** Cuts a file to `size` bytes and fsyncs it (a missing file is fine). */
export async function truncateFile(path: string, size: number): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, fsConstants.O_RDWR | fsConstants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw writeError(path, error, 'truncating');
  }
  try {
    await handle.truncate(size);
    await handle.sync();
  } catch (error) {
    throw writeError(path, error, 'truncating');
  } finally {
    await handle.close();
  }
}
