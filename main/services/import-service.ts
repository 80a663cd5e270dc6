// Importing another analyst's `marginalia/annotations` file (version 1, 1.1 or 2). Three phases,
// so a bad file changes nothing: (1) parse and validate the file completely; (2) plan: map each
// document to a local one, place every span, turn everything into records (the authors of a
// 1 / 1.1 file become name-based creators, `name:<name>`), merge each record with what is here
// (the creator's latest revision wins: import-plan.ts) and validate the result; (3) only then
// write: add missing documents, one store batch per document, and the orphans file.
import { createHash } from 'node:crypto';
import { nameClashesOf } from './name-clash';
import type { ImportCounts, ImportOrphan, ImportPlacement, ImportResult, ImportedDocumentReport } from '../../shared/api';
import {
  type ExportedAnnotation,
  type ExportedComment,
  type ExportedDocument,
  type ExportedDocumentV1,
  type ExportedReview,
  type ExportedSpan,
  RECORD_ARRAYS,
  type ReadableExportFile,
  type RecordArray,
} from '../../shared/export-format';
import { describeImportProblems, formatPath, parseExportFile } from '../../shared/import-format';
import { recordsFromV1 } from '../../shared/interchange/v1-records';
import { type Annotation, MAX_SPAN_LENGTH } from '../../shared/model';
import {
  type CommentRecord,
  type Creator,
  type MarginaliaRecord,
  type RecordKind,
  RecordSchema,
  type ReviewRecord,
  type SpanRecord,
  type SpanTarget,
  legacyCreator,
} from '../../shared/model/records';
import { OffsetConverter } from '../../shared/offsets';
import type { CorpusSession } from './corpus-session';
import { InputError } from './errors';
import { type LocalDocument, findNearIdentical, mergeRecord, placeSpan } from './import-plan';
import { saveOrphans } from './import-orphans';
import type { RecordStore } from './store/record-store';
import { decodeTextFile } from './text-file';

export interface ImportDeps {
  corpus: CorpusSession;
  store: RecordStore;
  /** dataDir/imports: orphans files. */
  importsDir: string;
  /** The analyst of this data dir: an import never changes their records (except by their own later revisions). */
  analyst: Creator | null;
}

const MAX_WARNINGS = 100;
const MAX_PLACEMENTS = 1000;
const RECORD_KINDS: readonly RecordKind[] = ['span', 'review', 'comment'];

type AnyDocument = ExportedDocument | ExportedDocumentV1;

interface TargetState {
  doc: LocalDocument;
  /** The document's records (tombstones included) as they will be after the import. */
  records: Map<string, MarginaliaRecord>;
  /** What to write: the final version of each changed record. */
  changed: Map<string, MarginaliaRecord>;
  /** Set when the document is added from the file's text. */
  addFrom: AnyDocument | null;
}

/** A record from the file, with where it is in the file (for messages). */
interface Incoming {
  path: string;
  record: MarginaliaRecord;
}

/** A span of the file placed in a local text. */
interface PlacedSpan {
  index: number;
  target: SpanTarget;
}

/** Problems with a text carried in the file: it must load as an article and hash to its id. */
function carriedTextProblem(doc: AnyDocument, d: number): string | null {
  if (doc.text === undefined) return null;
  const decoded = decodeTextFile(Buffer.from(doc.text, 'utf8'));
  if (decoded.kind === 'skipped') return `documents[${d}].text: cannot be opened as an article (${decoded.reason})`;
  if (decoded.text !== doc.text) return `documents[${d}].text: is not normalized (it has CR line ends, a byte order mark or invalid characters); Marginalia exports use LF`;
  if (decoded.id !== doc.id) {
    return `documents[${d}].text: its SHA-256 (${decoded.id.slice(0, 12)}…) does not equal the document id (${doc.id.slice(0, 12)}…); the text or the id was changed after export`;
  }
  return null;
}

function newReport(doc: AnyDocument, d: number): ImportedDocumentReport {
  return { path: `documents[${d}]`, fileDocId: doc.id, title: doc.title, fileName: doc.fileName, outcome: 'unmatched', docId: null, added: 0, updated: 0, unchanged: 0, reanchored: 0, orphans: 0 };
}

function emptyCounts(): Record<RecordKind, ImportCounts> {
  return Object.fromEntries(RECORD_KINDS.map((kind) => [kind, { added: 0, updated: 0, unchanged: 0 }])) as Record<RecordKind, ImportCounts>;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// From the file to records

/** Each kind beside spans in a version-2 document: how an entry becomes a record. */
const IMPORT_RECORD_CODECS = {
  reviews: (e: ExportedReview, docId: string): ReviewRecord => ({
    kind: 'review',
    id: e.id,
    creator: e.creator,
    rev: e.rev,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    target: { docId, spanId: e.spanId },
    decision: e.decision,
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    ...(e.copyId !== undefined ? { copyId: e.copyId } : {}),
  }),
  comments: (e: ExportedComment, docId: string): CommentRecord => ({
    kind: 'comment',
    id: e.id,
    creator: e.creator,
    rev: e.rev,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    target: { docId, spanId: e.spanId },
    text: e.text,
  }),
} satisfies Record<RecordArray, unknown>;

function spanFromV2(s: ExportedSpan, target: SpanTarget): SpanRecord {
  return {
    kind: 'span',
    id: s.id,
    creator: s.creator,
    rev: s.rev,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    target,
    tag: s.type,
    note: s.note,
    ...(s.origin ? { origin: { id: s.origin.id, creatorId: s.origin.creatorId } } : {}),
  };
}

/** Version 2: the placed spans, then the records about them; those about unplaced spans are counted. */
function recordsOfV2(doc: ExportedDocument, d: number, placed: readonly PlacedSpan[], docId: string): { incoming: Incoming[]; skipped: Record<RecordArray, number> } {
  const incoming: Incoming[] = placed.map(({ index, target }) => ({ path: `documents[${d}].annotations[${index}]`, record: spanFromV2(doc.annotations[index] as ExportedSpan, target) }));
  const placedIds = new Set(incoming.map((i) => i.record.id));
  const skipped = { reviews: 0, comments: 0 };
  for (const array of Object.keys(RECORD_ARRAYS) as RecordArray[]) {
    const entries: readonly (ExportedReview | ExportedComment)[] = doc[array] ?? [];
    entries.forEach((entry, i) => {
      if (!placedIds.has(entry.spanId)) {
        skipped[array]++;
        return;
      }
      const record = array === 'reviews' ? IMPORT_RECORD_CODECS.reviews(entry as ExportedReview, docId) : IMPORT_RECORD_CODECS.comments(entry as ExportedComment, docId);
      incoming.push({ path: `documents[${d}].${array}[${i}]`, record });
    });
  }
  return { incoming, skipped };
}

function annotationFromV1(a: ExportedAnnotation, target: SpanTarget): Annotation {
  return {
    id: a.id,
    docId: target.docId,
    type: a.type,
    start: target.start,
    end: target.end,
    quote: target.quote,
    prefix: target.prefix,
    suffix: target.suffix,
    note: a.note,
    author: a.author,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    ...(a.origin ? { origin: a.origin } : {}),
    ...(a.review ? { review: a.review } : {}),
  };
}

/**
 * Versions 1 / 1.1: the placed annotations become records as the store migration makes them,
 * with name-based creators; a review embedded in an unplaced annotation stays with its orphan.
 */
function recordsOfV1(doc: ExportedDocumentV1, d: number, placed: readonly PlacedSpan[]): { incoming: Incoming[]; skipped: Record<RecordArray, number> } {
  const annotations = placed.map(({ index, target }) => annotationFromV1(doc.annotations[index] as ExportedAnnotation, target));
  const pathOf = new Map(placed.map(({ index }) => [(doc.annotations[index] as ExportedAnnotation).id, `documents[${d}].annotations[${index}]`]));
  const incoming = recordsFromV1(annotations, legacyCreator).map((record): Incoming => {
    const spanId = record.kind === 'span' ? record.id : record.target.spanId;
    const path = pathOf.get(spanId) ?? `documents[${d}]`;
    return { path: record.kind === 'span' ? path : `${path}.review${record.kind === 'comment' ? '.comments' : ''}`, record };
  });
  const placedIds = new Set(pathOf.keys());
  const skipped = { reviews: 0, comments: 0 };
  for (const a of doc.annotations) {
    if (placedIds.has(a.id) || !a.review) continue;
    if (a.review.status !== 'pending') skipped.reviews++;
    skipped.comments += a.review.comments.length;
  }
  return { incoming, skipped };
}

/** Every creator of a record in the file. */
function creatorsIn(file: ReadableExportFile): Creator[] {
  const byId = new Map<string, Creator>();
  const add = (c: Creator) => {
    if (!byId.has(c.id)) byId.set(c.id, { id: c.id, name: c.name, kind: c.kind });
  };
  if (file.version === 2) {
    for (const doc of file.documents) {
      for (const s of doc.annotations) add(s.creator);
      for (const array of Object.keys(RECORD_ARRAYS) as RecordArray[]) for (const r of doc[array] ?? []) add(r.creator);
    }
  } else {
    for (const doc of file.documents) {
      for (const a of doc.annotations) {
        add(legacyCreator(a.author));
        if (a.review) {
          if (a.review.status !== 'pending') add(legacyCreator(a.review.by));
          for (const c of a.review.comments) add(legacyCreator(c.by));
        }
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// The plan

class ImportPlanner {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  readonly orphans: ImportOrphan[] = [];
  /** Spans placed by matching text, for the analyst to check (not warnings: nothing went wrong). */
  readonly placements: ImportPlacement[] = [];
  readonly reports: ImportedDocumentReport[] = [];
  readonly targets = new Map<string, TargetState>();
  readonly counts = emptyCounts();
  private readonly legacy: boolean;

  constructor(
    private readonly file: ReadableExportFile,
    private readonly deps: ImportDeps,
  ) {
    this.legacy = file.version !== 2;
  }

  async plan(): Promise<void> {
    const locals: LocalDocument[] = this.deps.corpus.all();
    const byId = new Map(locals.map((l) => [l.id, l]));
    for (const [d, doc] of (this.file.documents as AnyDocument[]).entries()) {
      const report = newReport(doc, d);
      this.reports.push(report);
      const exact = byId.get(doc.id);
      const near = exact ? null : findNearIdentical(doc, locals);
      let target: TargetState | null = null;
      if (exact) {
        report.outcome = 'matched';
        const length = new OffsetConverter(exact.text).codepointLength;
        if (length !== doc.length) {
          this.problems.push(`documents[${d}].length: ${doc.length} does not match the open document with this id (${length} code points)`);
          continue;
        }
        target = await this.target(exact, null);
      } else if (near) {
        report.outcome = 'reanchored';
        target = await this.target(near, null);
      } else if (doc.text !== undefined) {
        report.outcome = 'added';
        target = await this.target({ id: doc.id, title: doc.title, fileName: doc.fileName, text: doc.text }, doc);
      }
      if (!target) {
        const reason = 'no open document has this id or the same title or file name, and the file does not include the text; open the article and import again';
        doc.annotations.forEach((_a, i) => this.orphan(doc, d, i, reason));
        report.orphans = doc.annotations.length;
        this.mergeAll(this.incomingOf(doc, d, [], ''), d, null, report);
        continue;
      }
      report.docId = target.doc.id;
      this.placeAll(doc, d, target, report, report.outcome !== 'reanchored');
    }
    if (this.warnings.length > MAX_WARNINGS) {
      const more = this.warnings.length - (MAX_WARNINGS - 1);
      this.warnings.splice(MAX_WARNINGS - 1, this.warnings.length, `…and ${plural(more, 'more warning')}`);
    }
  }

  private async target(doc: LocalDocument, addFrom: AnyDocument | null): Promise<TargetState> {
    let state = this.targets.get(doc.id);
    if (!state) {
      const existing = await this.deps.store.list(doc.id, { withDeleted: true });
      state = { doc, records: new Map(existing.map((r) => [r.id, r])), changed: new Map(), addFrom };
      this.targets.set(doc.id, state);
    }
    return state;
  }

  private orphan(doc: AnyDocument, d: number, i: number, reason: string): void {
    const annotation = doc.annotations[i];
    if (!annotation) return;
    this.orphans.push({ path: `documents[${d}].annotations[${i}]`, fileDocId: doc.id, documentTitle: doc.title, fileName: doc.fileName, annotation, reason });
  }

  private incomingOf(doc: AnyDocument, d: number, placed: readonly PlacedSpan[], docId: string) {
    return this.file.version === 2 ? recordsOfV2(doc as ExportedDocument, d, placed, docId) : recordsOfV1(doc as ExportedDocumentV1, d, placed);
  }

  private placeAll(doc: AnyDocument, d: number, target: TargetState, report: ImportedDocumentReport, sameText: boolean): void {
    const converter = new OffsetConverter(target.doc.text);
    const placed: PlacedSpan[] = [];
    (doc.annotations as readonly (ExportedAnnotation | ExportedSpan)[]).forEach((exported, i) => {
      const placement = placeSpan(exported, target.doc, converter, sameText);
      if (!placement.ok) {
        this.orphan(doc, d, i, placement.reason);
        report.orphans++;
        return;
      }
      if (placement.method === 'context' || placement.method === 'fuzzy') {
        report.reanchored++;
        if (this.placements.length < MAX_PLACEMENTS) this.placements.push({ docId: target.doc.id, spanId: exported.id, method: placement.method, score: placement.score });
      }
      placed.push({ index: i, target: placement.target });
    });
    this.mergeAll(this.incomingOf(doc, d, placed, target.doc.id), d, target, report);
  }

  /** Validates and merges a document's records, spans first (the others point at them). */
  private mergeAll({ incoming, skipped }: { incoming: Incoming[]; skipped: Record<RecordArray, number> }, d: number, target: TargetState | null, report: ImportedDocumentReport): void {
    const deletedSpans = { reviews: 0, comments: 0 };
    for (const { path, record } of incoming) {
      if (!target) continue;
      const problems = this.validate(record, target.doc, path);
      if (problems.length > 0) {
        this.problems.push(...problems);
        continue;
      }
      if (record.kind !== 'span') {
        const span = target.records.get(record.target.spanId);
        if (!span || span.deleted || span.kind !== 'span') {
          deletedSpans[record.kind === 'review' ? 'reviews' : 'comments']++;
          continue;
        }
      }
      const decision = mergeRecord(target.records.get(record.id), record, { analyst: this.deps.analyst, legacy: this.legacy });
      if (decision.outcome !== 'unchanged') {
        target.records.set(decision.record.id, decision.record);
        target.changed.set(decision.record.id, decision.record);
      } else if (decision.warning) {
        this.warnings.push(`${path} (id ${record.id}): ${decision.warning}`);
      }
      this.counts[record.kind][decision.outcome]++;
      if (record.kind === 'span') report[decision.outcome]++;
    }
    const left = (counts: Record<RecordArray, number>) =>
      [counts.reviews > 0 ? plural(counts.reviews, 'review') : null, counts.comments > 0 ? plural(counts.comments, 'comment') : null].filter(Boolean).join(' and ');
    if (skipped.reviews + skipped.comments > 0) {
      this.warnings.push(`documents[${d}]: ${left(skipped)} on annotations that could not be placed ${skipped.reviews + skipped.comments === 1 ? 'was' : 'were'} not imported (the orphans keep their annotations)`);
    }
    if (deletedSpans.reviews + deletedSpans.comments > 0) {
      this.warnings.push(`documents[${d}]: ${left(deletedSpans)} on annotations deleted here ${deletedSpans.reviews + deletedSpans.comments === 1 ? 'was' : 'were'} not imported`);
    }
  }

  /** The rules every stored record meets, reported with the record's path in the file. */
  private validate(record: MarginaliaRecord, doc: LocalDocument, path: string): string[] {
    const where = `${path} (id ${record.id})`;
    const schema = RecordSchema.safeParse(record);
    if (!schema.success) return schema.error.issues.map((issue) => `${where}: ${formatPath(issue.path)}: ${issue.message}`);
    if (record.kind !== 'span') return [];
    const { start, end, quote } = record.target;
    if (end - start > MAX_SPAN_LENGTH) {
      return [`${where}: the span is ${(end - start).toLocaleString('en-US')} characters long; a span can be at most ${MAX_SPAN_LENGTH.toLocaleString('en-US')}`];
    }
    return doc.text.slice(start, end) === quote ? [] : [`${where}: the quote does not match “${doc.title}” where it was placed`];
  }
}

function importId(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 16);
}

function sum(reports: readonly ImportedDocumentReport[], key: 'added' | 'updated' | 'unchanged' | 'reanchored'): number {
  return reports.reduce((n, r) => n + r[key], 0);
}

async function addDocument(deps: ImportDeps, from: AnyDocument): Promise<void> {
  const base64 = Buffer.from(from.text ?? '', 'utf8').toString('base64');
  await deps.corpus.addUploads([{ name: from.fileName, base64 }]);
  if (!deps.corpus.get(from.id)) throw new Error(`The document “${from.title}” (${from.fileName}) from the import could not be added to the open documents.`);
}

/** Imports a file's content; throws InputError (and writes nothing) when the file is bad. */
export async function importAnnotationsFile(content: string, sourceName: string | undefined, deps: ImportDeps): Promise<ImportResult> {
  const parsed = parseExportFile(content);
  if (!parsed.ok) throw new InputError(describeImportProblems(parsed.problems, sourceName));
  const file = parsed.file;
  const textProblems = (file.documents as AnyDocument[]).map(carriedTextProblem).filter((p): p is string => p !== null);
  if (textProblems.length > 0) throw new InputError(describeImportProblems(textProblems, sourceName));

  await deps.corpus.whenIdle();
  const planner = new ImportPlanner(file, deps);
  await planner.plan();
  if (planner.problems.length > 0) throw new InputError(describeImportProblems(planner.problems, sourceName));

  // Everything is valid: write.
  for (const target of planner.targets.values()) {
    if (target.addFrom && !deps.corpus.get(target.doc.id)) await addDocument(deps, target.addFrom);
  }
  for (const target of planner.targets.values()) {
    if (target.changed.size > 0) await deps.store.apply(target.doc.id, [...target.changed.values()], { mode: 'merge', origin: { kind: 'import', source: sourceName ?? null } });
  }
  const id = importId(content);
  const orphansFile =
    planner.orphans.length > 0
      ? await saveOrphans(deps.importsDir, { importId: id, sourceName: sourceName ?? null, exportedBy: file.exportedBy, exportedAt: file.exportedAt, orphans: planner.orphans })
      : null;

  const reports = planner.reports;
  const count = (outcome: ImportedDocumentReport['outcome']): number => reports.filter((r) => r.outcome === outcome).length;
  const authors = creatorsIn(file);
  const docIds = reports.map((r) => r.docId).filter((id): id is string => id !== null);
  const nameClashes = await nameClashesOf(authors, deps.analyst, sourceName, docIds, deps.store);
  return {
    importId: id,
    exportedBy: file.exportedBy,
    exportedAt: file.exportedAt,
    version: file.version,
    documentsMatched: count('matched'),
    documentsAdded: count('added'),
    documentsReanchored: count('reanchored'),
    documentsUnmatched: count('unmatched'),
    annotationsAdded: sum(reports, 'added'),
    annotationsUpdated: sum(reports, 'updated'),
    unchanged: sum(reports, 'unchanged'),
    annotationsReanchored: sum(reports, 'reanchored'),
    placedByMatch: planner.placements,
    orphans: planner.orphans,
    orphansFile,
    authors,
    nameClashes,
    recordCounts: planner.counts,
    documents: reports,
    warnings: planner.warnings,
  };
}
