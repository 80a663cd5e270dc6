// Articles get corrected. A document's id is the hash of its text, so an edited file is a new
// document; without this, its annotations would silently vanish. The data dir remembers which id
// each file had (document-index.json) and keeps a copy of every annotated text (texts/), so when
// a file's text changes its annotations are moved onto the new text: kept or shifted where the
// edit did not touch them, re-anchored by quote and context where it did, and the rest kept as
// orphans the analyst can see. A notice says what happened.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ImportOrphan } from '../../shared/api';
import { type TextEdit, locateEdit, relocateSpan } from '../../shared/edited-text';
import { type ExportedAnnotation, spanFields } from '../../shared/export-format';
import type { MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { OffsetConverter, quoteContext } from '../../shared/offsets';
import type { RecordStore } from './store/record-store';
import type { LoadedDocument } from './corpus-loader';
import { describeFsError } from './fs-safety';
import { saveOrphans } from './import-orphans';
import type { NoticeBoard } from './notices';
import { replaceFile } from './storage/durable-write';
import { ensurePrivateDir } from './storage/private-dir';

const INDEX_FORMAT = 'marginalia/document-index';
const IndexSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(1),
  /** Absolute path of each file loaded so far → the id its text had then. */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

export interface EditedDocumentsOptions {
  dataDir: string;
  store: RecordStore;
  notices: NoticeBoard;
  /** dataDir/imports: where orphans are listed (the Orphans dialog reads them). */
  importsDir: string;
  clock: () => Date;
}

/** What became of one edited file's annotations. */
export interface EditOutcome {
  path: string;
  oldId: string;
  newId: string;
  kept: number;
  moved: number;
  orphans: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class EditedDocuments {
  private index: Record<string, string> | null = null;
  private readonly textCopies = new Set<string>();
  private textCopiesListed: Promise<void> | null = null;

  constructor(private readonly options: EditedDocumentsOptions) {}

  private get textsDir(): string {
    return join(this.options.dataDir, 'texts');
  }

  private get indexPath(): string {
    return join(this.options.dataDir, 'document-index.json');
  }

  /** Keeps a copy of an annotated document's text (once), so a later edit can be located exactly. */
  async keepText(doc: Pick<LoadedDocument, 'id' | 'text'>): Promise<void> {
    await this.listTextCopies();
    if (this.textCopies.has(doc.id)) return;
    await ensurePrivateDir(this.textsDir);
    await replaceFile(join(this.textsDir, `${doc.id}.txt`), doc.text);
    this.textCopies.add(doc.id);
  }

  /**
   * After a load: for each file whose text changed since it was last loaded, moves its
   * annotations onto the new text. `open` holds every document open now (an id still open under
   * another path keeps its annotations there).
   */
  async reconcile(loaded: readonly LoadedDocument[], open: ReadonlyMap<string, LoadedDocument>): Promise<EditOutcome[]> {
    const index = await this.readIndex();
    const withFiles = await this.options.store.scopesWithFiles();
    const outcomes: EditOutcome[] = [];
    let changed = false;
    for (const doc of loaded) {
      const previous = index[doc.absolutePath];
      if (previous !== undefined && previous !== doc.id && withFiles.has(previous) && !open.has(previous)) {
        outcomes.push(await this.moveAnnotations(previous, doc));
      }
      if (previous !== doc.id) {
        index[doc.absolutePath] = doc.id;
        changed = true;
      }
      if (withFiles.has(doc.id) || outcomes.some((o) => o.newId === doc.id)) await this.keepText(doc);
    }
    if (changed) await replaceFile(this.indexPath, `${JSON.stringify({ format: INDEX_FORMAT, version: 1, files: index })}\n`);
    return outcomes;
  }

  private async listTextCopies(): Promise<void> {
    this.textCopiesListed ??= readdir(this.textsDir).then(
      (names) => {
        for (const name of names) if (/^[0-9a-f]{64}\.txt$/.test(name)) this.textCopies.add(name.slice(0, 64));
      },
      () => undefined, // no copies yet
    );
    await this.textCopiesListed;
  }

  private async readIndex(): Promise<Record<string, string>> {
    if (this.index) return this.index;
    let files: Record<string, string> = {};
    try {
      const parsed = IndexSchema.safeParse(JSON.parse(await readFile(this.indexPath, 'utf8')));
      if (parsed.success) files = parsed.data.files;
      else this.options.notices.raise('warning', `${this.indexPath} could not be read (it does not match its format); edits made to files before now cannot be detected. It will be written anew.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.notices.raise('warning', `${this.indexPath} could not be read (${describeFsError(error)}); edits made to files before now cannot be detected. It will be written anew.`);
      }
    }
    this.index = files;
    return files;
  }

  private async earlierText(docId: string): Promise<string | null> {
    try {
      return await readFile(join(this.textsDir, `${docId}.txt`), 'utf8');
    } catch {
      return null;
    }
  }

  private async moveAnnotations(oldId: string, doc: LoadedDocument): Promise<EditOutcome> {
    const { store, notices } = this.options;
    const records = await store.list(oldId);
    const oldText = await this.earlierText(oldId);
    const edit: TextEdit | null = oldText === null ? null : locateEdit(oldText, doc.text);
    const moved: MarginaliaRecord[] = [];
    const orphans: { span: SpanRecord; reason: string }[] = [];
    let kept = 0;
    for (const span of records) {
      if (span.kind !== 'span') continue;
      const where = relocateSpan(span.target, doc.text, edit);
      if (!where.ok) {
        orphans.push({ span, reason: where.reason });
        continue;
      }
      if (where.method === 'kept') kept++;
      moved.push({ ...span, target: { docId: doc.id, start: where.start, end: where.end, ...quoteContext(doc.text, where.start, where.end) } });
    }
    // Reviews and comments follow their span; those of an orphan stay with the old files.
    const placed = new Set(moved.map((r) => r.id));
    for (const r of records) if (r.kind !== 'span' && placed.has(r.target.spanId)) moved.push({ ...r, target: { ...r.target, docId: doc.id } });
    // Order matters for a crash: the records reach their new home first; the old files are
    // retired last, so a rerun finds either the old files (and redoes this) or nothing to do.
    if (moved.length > 0) await store.apply(doc.id, moved, { mode: 'merge', origin: { kind: 'edited-file' } });
    if (orphans.length > 0) await this.saveOrphans(oldId, oldText, doc, orphans);
    await store.retire(oldId);
    const spansMoved = placed.size;
    const outcome: EditOutcome = { path: doc.path, oldId, newId: doc.id, kept, moved: spansMoved - kept, orphans: orphans.length };
    notices.raise(orphans.length > 0 ? 'warning' : 'info', describeOutcome(doc, outcome));
    return outcome;
  }

  private async saveOrphans(oldId: string, oldText: string | null, doc: LoadedDocument, orphans: { span: SpanRecord; reason: string }[]): Promise<void> {
    // Offsets in code points of the earlier text; without its copy (data dirs from before copies
    // were kept) the stored UTF-16 offsets stand in, equal unless astral characters precede them.
    const converter = oldText === null ? { toCodepoint: (utf16: number) => utf16 } : new OffsetConverter(oldText);
    const list: ImportOrphan[] = orphans.map(({ span, reason }, i) => {
      const exported: ExportedAnnotation = spanFields(span, converter);
      return {
        path: `${doc.path} (edited on disk) #${i + 1}`,
        fileDocId: oldId,
        documentTitle: doc.title,
        fileName: doc.fileName,
        annotation: exported,
        reason: `${reason} after the file was edited on disk`,
      };
    });
    const importId = createHash('sha256').update(`${oldId}>${doc.id}`).digest('hex').slice(0, 16);
    await saveOrphans(this.options.importsDir, {
      importId,
      sourceName: `${doc.fileName} (edited on disk)`,
      exportedBy: 'Marginalia',
      exportedAt: this.options.clock().toISOString(),
      orphans: list,
    });
  }
}

/** "“Title” (file.txt) changed on disk: 3 annotations moved with the text, 1 could not be placed…" */
export function describeOutcome(doc: Pick<LoadedDocument, 'title' | 'fileName'>, outcome: EditOutcome): string {
  const parts: string[] = [];
  if (outcome.kept > 0) parts.push(`${plural(outcome.kept, 'annotation')} kept ${outcome.kept === 1 ? 'its place' : 'their places'}`);
  if (outcome.moved > 0) parts.push(`${plural(outcome.moved, 'annotation')} moved with the text`);
  if (outcome.orphans > 0) parts.push(`${plural(outcome.orphans, 'annotation')} could not be placed (listed under Orphans in the Layers panel)`);
  if (parts.length === 0) parts.push('it had no annotations to move');
  return `“${doc.title}” (${doc.fileName}) changed on disk since it was last opened: ${parts.join(', ')}.`;
}
