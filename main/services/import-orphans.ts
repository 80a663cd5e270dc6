// Orphans of an import (spans that could not be placed, as they were in the file) are kept in
// dataDir/imports/<importId>.orphans.json, so nothing from an import is ever dropped silently.
// The file is named by the import file's hash: importing the same file again rewrites it.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ImportOrphanSet } from '../../shared/api';
import { ExportedAnnotationSchema, ExportedSpanSchema } from '../../shared/export-format';
import { describeFsError } from './fs-safety';
import { replaceFile } from './storage/durable-write';
import { ensurePrivateDir } from './storage/private-dir';

const ORPHANS_FORMAT = 'marginalia/import-orphans';
const FILE_NAME = /^([0-9a-f]{16})\.orphans\.json$/;

const OrphanFileSchema = z.object({
  format: z.literal(ORPHANS_FORMAT),
  version: z.literal(1),
  importId: z.string().regex(/^[0-9a-f]{16}$/),
  sourceName: z.string().nullable(),
  exportedBy: z.string(),
  exportedAt: z.string(),
  orphans: z.array(
    z.object({
      path: z.string(),
      fileDocId: z.string(),
      documentTitle: z.string(),
      fileName: z.string(),
      // a 1 / 1.1 annotation, or a version-2 span with its creator (older orphan files hold the first)
      annotation: z.union([ExportedAnnotationSchema, ExportedSpanSchema]),
      reason: z.string(),
    }),
  ),
});

export function orphansPath(dir: string, importId: string): string {
  return join(dir, `${importId}.orphans.json`);
}

/** Writes (fsynced, atomically) the orphans of one import; returns the file's path. */
export async function saveOrphans(dir: string, set: ImportOrphanSet): Promise<string> {
  const path = orphansPath(dir, set.importId);
  try {
    await ensurePrivateDir(dir);
    await replaceFile(path, `${JSON.stringify({ format: ORPHANS_FORMAT, version: 1, ...set }, null, 2)}\n`);
  } catch (error) {
    throw new Error(`Could not save the orphaned annotations to ${path}: ${describeFsError(error)}`);
  }
  return path;
}

/** Every saved orphan set, newest first. Unreadable files are reported through `onProblem` and skipped. */
export async function listOrphanSets(dir: string, onProblem: (message: string) => void): Promise<ImportOrphanSet[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`Could not read the imports folder ${dir}: ${describeFsError(error)}`);
  }
  const sets: { set: ImportOrphanSet; mtime: number }[] = [];
  for (const name of names.filter((n) => FILE_NAME.test(n))) {
    const path = join(dir, name);
    try {
      const [content, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
      const parsed = OrphanFileSchema.safeParse(JSON.parse(content));
      if (!parsed.success) throw new Error('it does not match the orphans format');
      const { format: _format, version: _version, ...set } = parsed.data;
      sets.push({ set, mtime: info.mtimeMs });
    } catch (error) {
      onProblem(`The orphaned annotations in ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return sets.sort((a, b) => b.mtime - a.mtime || a.set.importId.localeCompare(b.set.importId)).map((s) => s.set);
}
