// Reads a file only if it is a plain regular file, in bounded size and time. Built for paths an
// attacker may have prepared or may swap while we read (a corpus folder, the store's files):
//  - O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging forever;
//  - O_NOFOLLOW (on by default): a symlink as the last path component is refused;
//  - O_NOCTTY: opening a terminal device never makes it our controlling terminal;
//  - fstat on the OPENED handle, not the path: the path may be swapped between a check and the
//    open, the handle cannot;
//  - kernel pseudo-files (/proc, /sys…) are refused by their file system type: fstat calls
//    them regular files, with sizes that lie (/proc/self/environ reports 0 bytes);
//  - the size limit is checked before reading, and enforced again while reading (files grow);
//  - the whole open+read is bounded in time (a stalled network disk).
import { constants, type Stats, close, fstat, lstat, open, read, readlink, realpath, statfs } from 'node:fs';
import { sep } from 'node:path';
import { promisify } from 'node:util';

// The callback API on raw fds: a third of the per-file overhead of fs/promises' FileHandle,
// which matters when the store reads thousands of small files at startup.
const openFd = promisify(open);
const closeFd = promisify(close);
const fstatFd = promisify(fstat);
const readFd = promisify(read);
const lstatPath = promisify(lstat);
const readlinkPath = promisify(readlink);
const realpathPath = promisify(realpath);
const statfsPath = promisify(statfs);

export const DEFAULT_READ_TIMEOUT_MS = 10_000;

// Windows has neither flag (nor FIFOs in the file system); there O_NOFOLLOW falls back to lstat.
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NOCTTY = constants.O_NOCTTY ?? 0;

/** statfs(2) f_type of Linux file systems whose files are kernel state, not documents. */
const KERNEL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x62656570, 'configfs'],
  [0xde5e81e4, 'efivarfs'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0x42494e4d, 'binfmt_misc'],
  [0x65735543, 'fusectl'],
]);

export type SafeReadRefusal = 'symlink' | 'not-regular' | 'kernel-file' | 'outside' | 'too-large' | 'timeout';

/**
 * Why a file was not read. `message` is `<path> <reason>`; `reason` stands alone for lists that
 * show the path separately. Ordinary file-system errors (ENOENT, EACCES…) are NOT wrapped: they
 * reach the caller as the usual errno errors, so "no file yet" stays easy to tell apart.
 */
export class SafeReadError extends Error {
  constructor(
    readonly kind: SafeReadRefusal,
    readonly path: string,
    readonly reason: string,
    /** For 'too-large': the size seen, and the limit. For 'not-regular': what the file is. */
    readonly details: { size?: number; limit?: number; fileType?: string; realPath?: string } = {},
  ) {
    super(`${path} ${reason}`);
    this.name = 'SafeReadError';
  }
}

export interface SafeReadOptions {
  /** Files larger than this are refused without reading them. */
  maxBytes: number;
  /** Gives up on the open and read after this long (default 10 s); the descriptor is closed once the OS returns it. */
  timeoutMs?: number;
  /** Refuse a symlink as the last path component (default true). Links in parent folders are `within`'s job. */
  noFollow?: boolean;
  /**
   * A symlink-free folder (from realpath) the opened file must lie in, or the file's own real
   * path. Checked on the open handle through /proc/self/fd on Linux, so a parent folder swapped
   * for a link after the caller's check is caught; elsewhere checked on the path.
   */
  within?: string;
}

/** What describeFileType needs: fs.Stats and fs.Dirent both fit. */
export type FileTypeInfo = Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>;

/** "a FIFO (named pipe)", "a folder"…: what a non-regular file is, for messages. */
export function describeFileType(info: FileTypeInfo): string {
  if (info.isFile()) return 'a regular file';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** True when `path` is `folder` itself or lies under it (both symlink-free). */
export function isWithin(folder: string, path: string): boolean {
  if (path === folder) return true;
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

const errnoCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

/**
 * Reads the whole of `path` if it is a regular file within the limits; otherwise throws a
 * SafeReadError saying what it is (or the fs error, e.g. ENOENT). Never hangs on FIFOs, devices
 * or sockets, and never waits longer than `timeoutMs`.
 */
export async function readRegularFile(path: string, options: SafeReadOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const state = { abandoned: false };
  const work = readChecked(path, options, state);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      state.abandoned = true;
      reject(new SafeReadError('timeout', path, `was not read within ${formatSeconds(timeoutMs)}; gave up`));
    }, timeoutMs);
  });
  work.catch(() => undefined); // after a timeout, its late failure is of no interest
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

async function readChecked(path: string, options: SafeReadOptions, state: { abandoned: boolean }): Promise<Buffer> {
  const noFollow = options.noFollow ?? true;
  if (noFollow && O_NOFOLLOW === 0 && (await lstatPath(path)).isSymbolicLink()) throw symlinkRefusal(path);
  let fd: number;
  try {
    fd = await openFd(path, constants.O_RDONLY | O_NONBLOCK | O_NOCTTY | (noFollow ? O_NOFOLLOW : 0));
  } catch (error) {
    throw await explainOpenError(path, error, noFollow);
  }
  // Whatever happens below (including a timeout upstream), the descriptor is closed here.
  try {
    const info = await fstatFd(fd);
    if (!info.isFile()) {
      const fileType = describeFileType(info);
      throw new SafeReadError('not-regular', path, `is ${fileType}, not a regular file; refused`, { fileType });
    }
    await refuseKernelFile(path, fd);
    if (options.within !== undefined) await refuseOutside(path, fd, options.within);
    if (info.size > options.maxBytes) throw tooLarge(path, info.size, options.maxBytes);
    return await readAll(path, fd, info.size, options.maxBytes, state);
  } finally {
    await closeFd(fd).catch(() => undefined);
  }
}

function symlinkRefusal(path: string): SafeReadError {
  return new SafeReadError('symlink', path, 'is a symbolic link; refused', { fileType: 'a symbolic link' });
}

function tooLarge(path: string, size: number, limit: number): SafeReadError {
  return new SafeReadError('too-large', path, `is larger than the ${formatMegabytes(limit)} limit (${formatMegabytes(size)}); refused`, { size, limit });
}

/** Turns the errors that mean "this is not a plain file" into refusals; passes on the rest. */
async function explainOpenError(path: string, error: unknown, noFollow: boolean): Promise<unknown> {
  const code = errnoCode(error);
  // O_NOFOLLOW on a link gives ELOOP (Linux, macOS) or EMLINK (FreeBSD); ELOOP can also be a real loop.
  if (noFollow && (code === 'ELOOP' || code === 'EMLINK')) {
    const info = await lstatPath(path).catch(() => null);
    if (info?.isSymbolicLink()) return symlinkRefusal(path);
  }
  // Opening a socket gives ENXIO, as does a device with nothing behind it.
  if (code === 'ENXIO' || code === 'EOPNOTSUPP') {
    const info = await lstatPath(path).catch(() => null);
    if (info && !info.isFile()) {
      const fileType = describeFileType(info);
      return new SafeReadError('not-regular', path, `is ${fileType}, not a regular file; refused`, { fileType });
    }
  }
  return error;
}

/** Linux: the file system of the open handle, through its /proc/self/fd entry. */
async function refuseKernelFile(path: string, fd: number): Promise<void> {
  if (process.platform !== 'linux') return; // procfs and sysfs are Linux's; elsewhere devices are caught by fstat
  const fs = await statfsPath(`/proc/self/fd/${fd}`).catch(() => statfsPath(path).catch(() => null));
  const name = fs ? KERNEL_FILE_SYSTEMS.get(fs.type) : undefined;
  if (name) {
    throw new SafeReadError('kernel-file', path, `is a kernel pseudo-file (${name}), not a regular file; refused`, { fileType: `a kernel pseudo-file in ${name}` });
  }
}

async function refuseOutside(path: string, fd: number, within: string): Promise<void> {
  let opened: string | null = null;
  if (process.platform === 'linux') opened = await readlinkPath(`/proc/self/fd/${fd}`).catch(() => null);
  opened ??= await realpathPath(path).catch(() => null); // no /proc: the path is the best we have
  if (opened !== null && !isWithin(within, opened)) {
    throw new SafeReadError('outside', path, `lies outside ${within} (it is ${opened}); refused`, { realPath: opened });
  }
}

async function readAll(path: string, fd: number, size: number, maxBytes: number, state: { abandoned: boolean }): Promise<Buffer> {
  // One byte of headroom shows whether the file grew past what fstat said.
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (state.abandoned) return buffer.subarray(0, 0); // the caller has already been told it timed out
    if (length === buffer.length) {
      if (length > maxBytes) throw tooLarge(path, length, maxBytes);
      const grown = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 64 * 1024), maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await readFd(fd, buffer, length, buffer.length - length, length);
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
  }
}
