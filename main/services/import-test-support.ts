// Helpers for the import, review and fuzz tests: analysts with their own data folders, records
// built and saved directly (no renderer), and byte-level snapshots of a folder to prove that
// nothing changed.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DocumentContent } from '../../shared/api';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { type ReviewStep, acceptSpan, commentOnSpan, rejectSpan } from '../../shared/model/review-steps';
import type { TagType } from '../../shared/model';
import { createMarginaliaCore } from './marginalia-core';
import type { MarginaliaCore } from './service-types';
import { SAMPLE_CORPUS_DIR, spanRecord } from './test-support';

export interface Analyst {
  name: string;
  /** Who this analyst's records name as their creator (a stable id made with the settings). */
  me: Creator;
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
  const me = (await core.getSession()).analyst;
  if (!me) throw new Error(`${name} has no analyst id`);
  return { name, me, dataDir, core, docs };
}

/** A span of `analyst` on the first (or n-th) occurrence of `quote`, rev 1. */
export function spanBy(analyst: Pick<Analyst, 'me'>, doc: { id: string; text: string }, quote: string, options: { id: string; tag?: TagType; note?: string; occurrence?: number }): SpanRecord {
  return spanRecord(doc, quote, { ...options, creator: analyst.me });
}

/** The document's live records of one kind, by id. */
export async function recordsOf<K extends MarginaliaRecord['kind']>(analyst: Pick<Analyst, 'core'>, docId: string, kind: K): Promise<Extract<MarginaliaRecord, { kind: K }>[]> {
  const all = await analyst.core.listRecords(docId);
  return all.filter((r): r is Extract<MarginaliaRecord, { kind: K }> => r.kind === kind).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function recordById(analyst: Pick<Analyst, 'core'>, docId: string, id: string): Promise<MarginaliaRecord> {
  const found = (await analyst.core.listRecords(docId)).find((r) => r.id === id);
  if (!found) throw new Error(`no record ${id}`);
  return found;
}

/** Saves a step's records as a window would: each as the next revision of what is stored. */
export async function saveStep(analyst: Pick<Analyst, 'core'>, docId: string, records: readonly MarginaliaRecord[]): Promise<void> {
  const stored = new Map((await analyst.core.listRecords(docId)).map((r) => [r.id, r]));
  await analyst.core.saveRecords(docId, records.map((r) => ({ ...r, rev: (stored.get(r.id)?.rev ?? 0) + 1 })));
}

let nextId = 1;

/** Review steps of `reviewer` on a span, saved: accept (a copy with origin + a decision with copyId), reject with a reason, comment. */
export async function review(reviewer: Pick<Analyst, 'core' | 'me'>, docId: string, spanId: string, step: { accept: true } | { reject: string } | { comment: string }, now: string): Promise<ReviewStep> {
  const records = await reviewer.core.listRecords(docId);
  const span = records.find((r): r is SpanRecord => r.kind === 'span' && r.id === spanId);
  if (!span) throw new Error(`no span ${spanId}`);
  const context = { reviewer: reviewer.me, now, records, newId: () => `${reviewer.me.name.toLowerCase()}-${nextId++}` };
  const made = 'accept' in step ? acceptSpan(span, context) : 'reject' in step ? rejectSpan(span, step.reject, context) : commentOnSpan(span, step.comment, context);
  await saveStep(reviewer, docId, made.forward);
  return made;
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
