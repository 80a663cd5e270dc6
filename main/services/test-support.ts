// Helpers for the services' unit tests: real temp dirs and well-formed annotations.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Annotation, AnnotationChange, TagType } from '../../shared/model';
import { quoteContext } from '../../shared/offsets';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../shared/model/records';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const SAMPLE_CORPUS_DIR = join(REPO_ROOT, 'assets', 'sample-corpus');
/** The real articles (read at test time only; never copied into the repo). */
export const SHARED_CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus');

const FIXED_TIME = '2026-03-14T09:30:00.000Z';

/** A fresh temp dir per test, removed by the returned cleanup. */
export async function makeTempDir(prefix = 'marginalia-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

let nextId = 1;

/** A valid annotation of text[start, end) with the real quote, prefix and suffix. */
export function makeAnnotation(
  doc: { id: string; text: string },
  start: number,
  end: number,
  overrides: Partial<Pick<Annotation, 'id' | 'type' | 'note' | 'author'>> & { type?: TagType } = {},
): Annotation {
  return {
    id: overrides.id ?? `ann-${nextId++}`,
    docId: doc.id,
    type: overrides.type ?? 'claim',
    start,
    end,
    ...quoteContext(doc.text, start, end),
    note: overrides.note ?? '',
    author: overrides.author ?? 'Test Analyst',
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
  };
}

/** The UTF-16 span of the n-th occurrence of `quote` in `text`; throws if absent. */
export function spanOf(text: string, quote: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`"${quote}" (occurrence ${occurrence}) is not in the text`);
  }
  return [at, at + quote.length];
}

export function annotate(doc: { id: string; text: string }, quote: string, overrides: Parameters<typeof makeAnnotation>[3] = {}): Annotation {
  const [start, end] = spanOf(doc.text, quote);
  return makeAnnotation(doc, start, end, overrides);
}

export function put(annotation: Annotation): AnnotationChange {
  return { kind: 'put', annotation };
}

export function del(annotation: Pick<Annotation, 'docId' | 'id'>): AnnotationChange {
  return { kind: 'delete', docId: annotation.docId, id: annotation.id };
}

/** The analysts of the unit tests. */
export const ANA: Creator = { id: 'c0a1e2b3-0000-4000-8000-00000000a0a0', name: 'Ana', kind: 'person' };
export const BEN: Creator = { id: 'c0a1e2b3-0000-4000-8000-00000000b0b0', name: 'Ben', kind: 'person' };

let nextRecord = 1;

/** A span record over the first (or n-th) occurrence of `quote`, with the real context. */
export function spanRecord(
  doc: { id: string; text: string },
  quote: string,
  overrides: { id?: string; tag?: TagType; note?: string; creator?: Creator; rev?: number; occurrence?: number } = {},
): SpanRecord {
  const [start, end] = spanOf(doc.text, quote, overrides.occurrence ?? 0);
  return {
    kind: 'span',
    id: overrides.id ?? `span-${nextRecord++}`,
    creator: overrides.creator ?? ANA,
    rev: overrides.rev ?? 1,
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
    target: { docId: doc.id, start, end, ...quoteContext(doc.text, start, end) },
    tag: overrides.tag ?? 'claim',
    note: overrides.note ?? '',
  };
}

/** The next revision of a record with some fields changed (what a window sends). */
export function nextRev<R extends MarginaliaRecord>(record: R, changes: Partial<R> = {}): R {
  return { ...record, ...changes, rev: record.rev + 1 };
}

/** A tombstone: the next revision, deleted. */
export function tombstone<R extends MarginaliaRecord>(record: R): R {
  return { ...record, rev: record.rev + 1, deleted: true };
}
