// Where the browser host writes its current address (token included) in the data dir, so whoever
// lost the terminal line (or has a tab open on the address of an earlier start) can find it. The
// data dir is private (0700, files 0600), so the token is readable only by the analyst, and it is
// the same folder the host's own lock and records are in. Removed when the host stops.
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFile } from '../services/storage/durable-write';

export const ADDRESS_FILE = 'host-address.txt';

export function addressFilePath(dataDir: string): string {
  return join(dataDir, ADDRESS_FILE);
}

export async function writeAddressFile(dataDir: string, url: string): Promise<string> {
  const path = addressFilePath(dataDir);
  await replaceFile(path, `${url}\n`);
  return path;
}

/** Removes the file if it still holds `url` (a later start on the same data dir wrote its own otherwise). */
export async function removeAddressFile(dataDir: string, url: string): Promise<void> {
  const path = addressFilePath(dataDir);
  try {
    if ((await readFile(path, 'utf8')).trim() === url) await unlink(path);
  } catch {
    // already gone, or unreadable: nothing to remove
  }
}
