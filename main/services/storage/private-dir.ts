// The data dir holds analysts' notes and copies of articles: it is private to the user (0700,
// files 0600). Data dirs written before this rule get their modes tightened at start.
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './durable-write';

/** Creates the folder (and parents) if missing and makes it 0700. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') await chmod(path, PRIVATE_DIR_MODE);
}

/** Makes every file directly in `dir` 0600 and every folder 0700 (not recursive beyond `depth`). */
export async function tightenModes(dir: string, depth = 1): Promise<void> {
  if (process.platform === 'win32') return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // missing folders have nothing to tighten
  }
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      // Symlinks are left alone: chmod would follow them out of the data dir.
      if (entry.isFile()) await chmod(path, PRIVATE_FILE_MODE).catch(() => undefined);
      else if (entry.isDirectory()) {
        await chmod(path, PRIVATE_DIR_MODE).catch(() => undefined);
        if (depth > 0) await tightenModes(path, depth - 1);
      }
    }),
  );
}
