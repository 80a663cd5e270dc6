// Importing another analyst's `marginalia/annotations` file. Three phases, so a bad file
// changes nothing: (1) parse and validate the file completely; (2) plan: map each document
// to a local one, place and merge every annotation in memory, validate the result like any
// saved change; (3) only then write: add missing documents, one journal batch per document,
// and the orphans file.
import { createHash } from 'node:crypto';
import type { ImportOrphan, ImportResult, ImportedDocumentReport } from '../../shared/api';
import type { ExportedDocument, ExportFile } from '../../shared/export-format';
import { describeImportProblems, formatPath, parseExportFile } from '../../shared/import-format';
import { type Annotation, AnnotationSchema } from '../../shared/model';
import { OffsetConverter } from '../../shared/offsets';
import type { AnnotationStore } from './annotation-store';
import { changeProblems } from './change-validation';
import type { CorpusSession } from './corpus-session';
import { InputError } from './errors';
import { type LocalDocument, findNearIdentical, mergeAnnotation, placeAnnotation } from './import-plan';
import { saveOrphans } from './import-orphans';
import { decodeTextFile } from './text-file';

export interface ImportDeps {
  corpus: CorpusSession;
  store: AnnotationStore;
  /** dataDir/imports: orphans files. */
  importsDir: string;
}

const MAX_WARNINGS = 100;

interface TargetState {
  doc: LocalDocument;
  /** The document's annotations as they will be after the import. */
  annotations: Map<string, Annotation>;
  /** What to write: the final version of each changed annotation. */
  changed: Map<string, Annotation>;
  /** Set when the document is added from the file's text. */
  addFrom: ExportedDocument | null;
}

/** Problems with a text carried in the file: it must load as an article and hash to its id. */
function carriedTextProblem(doc: ExportedDocument, d: number): string | null {
  if (doc.text === undefined) return null;
  const decoded = decodeTextFile(Buffer.from(doc.text, 'utf8'));
  if (decoded.kind === 'skipped') return `documents[${d}].text: cannot be opened as an article (${decoded.reason})`;
  if (decoded.text !== doc.text) return `documents[${d}].text: is not normalized (it has CR line ends, a byte order mark or invalid characters); Marginalia exports use LF`;
  if (decoded.id !== doc.id) {
    return `documents[${d}].text: its SHA-256 (${decoded.id.slice(0, 12)}…) does not equal the document id (${doc.id.slice(0, 12)}…); the text or the id was changed after export`;
  }
  return null;
}

function newReport(doc: ExportedDocument, d: number): ImportedDocumentReport {
  return { path: `documents[${d}]`, fileDocId: doc.id, title: doc.title, fileName: doc.fileName, outcome: 'unmatched', docId: null, added: 0, updated: 0, unchanged: 0, reanchored: 0, orphans: 0 };
}

class ImportPlanner {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  readonly orphans: ImportOrphan[] = [];
  readonly reports: ImportedDocumentReport[] = [];
  readonly targets = new Map<string, TargetState>();

  constructor(
    private readonly file: ExportFile,
    private readonly deps: ImportDeps,
  ) {}

  async plan(): Promise<void> {
    const locals: LocalDocument[] = this.deps.corpus.all();
    const byId = new Map(locals.map((l) => [l.id, l]));
    for (const [d, doc] of this.file.documents.entries()) {
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
        doc.annotations.forEach((a, i) => this.orphan(doc, d, i, reason));
        report.orphans = doc.annotations.length;
        continue;
      }
      report.docId = target.doc.id;
      this.placeAll(doc, d, target, report, report.outcome !== 'reanchored');
    }
  }

  private async target(doc: LocalDocument, addFrom: ExportedDocument | null): Promise<TargetState> {
    let state = this.targets.get(doc.id);
    if (!state) {
      const existing = await this.deps.store.list(doc.id);
      state = { doc, annotations: new Map(existing.map((a) => [a.id, a])), changed: new Map(), addFrom };
      this.targets.set(doc.id, state);
    }
    return state;
  }

  private orphan(doc: ExportedDocument, d: number, i: number, reason: string): void {
    const annotation = doc.annotations[i];
    if (!annotation) return;
    this.orphans.push({ path: `documents[${d}].annotations[${i}]`, fileDocId: doc.id, documentTitle: doc.title, fileName: doc.fileName, annotation, reason });
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
  }

  private placeAll(doc: ExportedDocument, d: number, target: TargetState, report: ImportedDocumentReport, sameText: boolean): void {
    const converter = new OffsetConverter(target.doc.text);
    doc.annotations.forEach((exported, i) => {
      const path = `documents[${d}].annotations[${i}]`;
      const placed = placeAnnotation(exported, target.doc, converter, sameText);
      if (!placed.ok) {
        this.orphan(doc, d, i, placed.reason);
        report.orphans++;
        return;
      }
      if (placed.method === 'context' || placed.method === 'fuzzy') {
        report.reanchored++;
        this.warn(`${path} (id ${exported.id}): placed by ${placed.method} match (score ${placed.score.toFixed(2)}) in “${target.doc.title}”`);
      }
      const problems = this.validate(placed.annotation, target.doc, path);
      if (problems.length > 0) {
        this.problems.push(...problems);
        return;
      }
      const { annotation, outcome } = mergeAnnotation(target.annotations.get(exported.id), placed.annotation);
      if (outcome === 'unchanged') report.unchanged++;
      else {
        if (outcome === 'added') report.added++;
        else report.updated++;
        target.annotations.set(annotation.id, annotation);
        target.changed.set(annotation.id, annotation);
      }
    });
  }

  /** The same rules as a save from the UI, reported with the annotation's path in the file. */
  private validate(annotation: Annotation, doc: LocalDocument, path: string): string[] {
    const schema = AnnotationSchema.safeParse(annotation);
    if (!schema.success) return schema.error.issues.map((issue) => `${path}.${formatPath(issue.path)}: ${issue.message}`);
    return changeProblems({ kind: 'put', annotation }, doc.id, doc.text).map((p) => `${path}: ${p}`);
  }
}

function importId(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 16);
}

function sum(reports: readonly ImportedDocumentReport[], key: 'added' | 'updated' | 'unchanged' | 'reanchored'): number {
  return reports.reduce((n, r) => n + r[key], 0);
}

async function addDocument(deps: ImportDeps, from: ExportedDocument): Promise<void> {
  const base64 = Buffer.from(from.text ?? '', 'utf8').toString('base64');
  await deps.corpus.addUploads([{ name: from.fileName, base64 }]);
  if (!deps.corpus.get(from.id)) throw new Error(`The document “${from.title}” (${from.fileName}) from the import could not be added to the open documents.`);
}

/** Imports a file's content; throws InputError (and writes nothing) when the file is bad. */
export async function importAnnotationsFile(content: string, sourceName: string | undefined, deps: ImportDeps): Promise<ImportResult> {
  const parsed = parseExportFile(content);
  if (!parsed.ok) throw new InputError(describeImportProblems(parsed.problems, sourceName));
  const file = parsed.file;
  const textProblems = file.documents.map(carriedTextProblem).filter((p): p is string => p !== null);
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
    if (target.changed.size > 0) await deps.store.apply(target.doc.id, [...target.changed.values()].map((annotation) => ({ kind: 'put', annotation })), { kind: 'import', source: sourceName ?? null });
  }
  const id = importId(content);
  const orphansFile =
    planner.orphans.length > 0
      ? await saveOrphans(deps.importsDir, { importId: id, sourceName: sourceName ?? null, exportedBy: file.exportedBy, exportedAt: file.exportedAt, orphans: planner.orphans })
      : null;

  const reports = planner.reports;
  const count = (outcome: ImportedDocumentReport['outcome']): number => reports.filter((r) => r.outcome === outcome).length;
  const authors = new Set(file.documents.flatMap((doc) => doc.annotations.map((a) => a.author)));
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
    orphans: planner.orphans,
    orphansFile,
    authors: [...authors].sort((a, b) => a.localeCompare(b)),
    documents: reports,
    warnings: planner.warnings,
  };
}
