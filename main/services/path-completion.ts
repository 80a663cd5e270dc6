// Folder paths for the browser host's "Open folder" field: `~` is the home directory, and a typed
// prefix is completed with the names of folders on this computer. Only folder names are listed
// (readdir; a link is followed with stat only to learn whether it leads to a folder): no file is
// opened and no content read. Bounded: at most MAX_SCANNED entries of one folder are looked at,
// and at most MAX_FOLDERS are returned. Kernel folders (/proc, /sys, /dev) are never listed.
import { opendir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import type { FolderCompletion } from '../../shared/api';

export const MAX_FOLDERS = 50;
export const MAX_SCANNED = 5000;
const KERNEL_ROOTS = ['/proc', '/sys', '/dev'];

/** `~` and `~/…` (or `~\…`) with the home directory; any other path as it is. */
export function expandHome(path: string, home = homedir()): string {
  if (path === '~') return home;
  if (!path.startsWith('~/') && !path.startsWith(`~${sep}`)) return path;
  const joined = join(home, path.slice(2));
  // "~/" still means "inside the home folder"
  return /[\\/]$/.test(path) && !joined.endsWith(sep) ? joined + sep : joined;
}

function isKernelPath(path: string): boolean {
  return KERNEL_ROOTS.some((root) => path === root || path.startsWith(`${root}/`));
}

export interface CompleteFolderOptions {
  home?: string;
  limit?: number;
  maxScanned?: number;
}

/**
 * Folders whose absolute path starts with `typed` (after `~` expansion; the last part matches
 * case-insensitively). A typed path ending with a separator lists that folder's subfolders.
 * Hidden folders are listed only when the typed part starts with a dot.
 */
export async function completeFolder(typed: string, options: CompleteFolderOptions = {}): Promise<FolderCompletion> {
  const limit = options.limit ?? MAX_FOLDERS;
  const maxScanned = options.maxScanned ?? MAX_SCANNED;
  const expanded = expandHome(typed, options.home ?? homedir());
  const none: FolderCompletion = { expanded, folders: [], more: false };
  if (!expanded || !isAbsolute(expanded) || expanded.includes('\0')) return none;
  const endsWithSep = expanded.endsWith('/') || expanded.endsWith(sep);
  const folder = endsWithSep ? expanded : dirname(expanded);
  const partial = endsWithSep ? '' : basename(expanded);
  if (isKernelPath(folder) || (folder === '/' && KERNEL_ROOTS.includes(`/${partial}`))) return none;
  const wanted = partial.toLowerCase();
  const showHidden = partial.startsWith('.');

  let dir;
  try {
    dir = await opendir(folder, { bufferSize: 64 });
  } catch {
    return none; // not a folder, or not readable: nothing to offer
  }
  const found: string[] = [];
  let scanned = 0;
  let more = false;
  try {
    for await (const entry of dir) {
      if (++scanned > maxScanned) {
        more = true;
        break;
      }
      if (entry.name.startsWith('.') && !showHidden) continue;
      if (!entry.name.toLowerCase().startsWith(wanted)) continue;
      const full = join(folder, entry.name);
      if (isKernelPath(full)) continue;
      let isFolder = entry.isDirectory();
      if (!isFolder && entry.isSymbolicLink()) isFolder = await stat(full).then((s) => s.isDirectory(), () => false);
      if (isFolder) found.push(full);
    }
  } finally {
    // Closes the handle when the loop stopped early (a finished iteration closed it already).
    await dir.close().catch(() => undefined);
  }
  // Exact-case matches first, then by name.
  const exactCase = (path: string) => (basename(path).startsWith(partial) ? 0 : 1);
  found.sort((a, b) => exactCase(a) - exactCase(b) || a.localeCompare(b));
  return { expanded, folders: found.slice(0, limit), more: more || found.length > limit };
}
