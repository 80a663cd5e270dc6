// A content snapshot of a folder tree, to prove that a run wrote nothing where it must not.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Relative path -> "dir", "link -> target" or "file <size> <sha256>". */
export type TreeSnapshot = Map<string, string>;

export async function snapshotTree(root: string): Promise<TreeSnapshot> {
  const snapshot: TreeSnapshot = new Map();
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const key = relative(root, full);
      const info = await lstat(full);
      if (info.isSymbolicLink()) snapshot.set(key, `link -> ${await readlink(full)}`);
      else if (info.isDirectory()) {
        snapshot.set(key, 'dir');
        await visit(full);
      } else snapshot.set(key, `file ${info.size} ${createHash('sha256').update(await readFile(full)).digest('hex')}`);
    }
  };
  await visit(root);
  return snapshot;
}

/** Paths added, removed or changed between two snapshots, except under the allowed folders. */
export function changesOutside(before: TreeSnapshot, after: TreeSnapshot, allowed: readonly string[]): string[] {
  const isAllowed = (path: string) => allowed.some((a) => path === a || path.startsWith(a + sep));
  const changes: string[] = [];
  for (const [path, was] of before) {
    const now = after.get(path);
    if (now === undefined) changes.push(`removed ${path}`);
    else if (now !== was) changes.push(`changed ${path}`);
  }
  for (const path of after.keys()) if (!before.has(path)) changes.push(`added ${path}`);
  return changes.filter((c) => !isAllowed(c.slice(c.indexOf(' ') + 1)));
}
