// Helpers for the import, review and fuzz tests: analysts with their own data folders, and
// byte-level snapshots of a folder to prove that nothing changed.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DocumentContent } from '../../shared/api';
import { createMarginaliaCore } from './marginalia-core';
import type { MarginaliaCore } from './service-types';
import { SAMPLE_CORPUS_DIR } from './test-support';

export interface Analyst {
  name: string;
  dataDir: string;
  core: MarginaliaCore;
  docs: DocumentContent[];
}

export const FIXED_CLOCK = (): Date => new Date('2026-03-14T10:11:12.345Z');

/** A core for `name` on `dataDir`, with `paths` (default: the sample corpus) open and loaded. */
export async function openAnalyst(name: string, dataDir: string, paths: string[] = [SAMPLE_CORPUS_DIR], clock = FIXED_CLOCK): Promise<Analyst> {
  const core = await createMarginaliaCore({ dataDir, sampleCorpusDir: SAMPLE_CORPUS_DIR, clock });
  await core.updateSettings({ analystName: name });
  await core.openInitialCorpus(paths);
  const status = await core.whenLoaded();
  const docs = await Promise.all(status.documents.map((d) => core.getDocument(d.id)));
  return { name, dataDir, core, docs };
}

export function docByFile(analyst: Pick<Analyst, 'docs'>, fileName: string): DocumentContent {
  const doc = analyst.docs.find((d) => d.fileName === fileName);
  if (!doc) throw new Error(`${fileName} is not open`);
  return doc;
}

/** Relative path -> SHA-256 of every file under `dir`. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else hashes[relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
    }
  };
  await walk(dir);
  return hashes;
}

/** The rejection message of a promise that must fail. */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a failure, but it succeeded');
}
