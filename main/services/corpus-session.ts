// The open corpus: which documents are loaded, what was skipped, and loading progress.
// Loads run one after another in the background; the status is always answerable at once.
import { basename, relative, sep } from 'node:path';
import type { CorpusStatus, DocumentSummary, SkippedFile, UploadedFile } from '../../shared/api';
import { emptyCounts } from '../../shared/model';
import { titleOf } from '../../shared/text';
import type { RecordStore } from './store/record-store';
import { mapWithConcurrency } from './concurrency';
import { type CorpusLoadResult, type LoadedDocument, loadCorpus } from './corpus-loader';
import { describeFsError } from './fs-safety';
import type { NoticeBoard } from './notices';
import type { SettingsService } from './settings';
import { decodeTextFile } from './text-file';
import { saveUpload } from './uploads';
import type { EditedDocuments } from './edited-documents';

export interface CorpusSessionOptions {
  /** dataDir/documents: uploaded texts, always part of the corpus. */
  documentsDir: string;
  notices: NoticeBoard;
  settings: SettingsService;
  store: RecordStore;
  /** Moves annotations onto files whose text changed on disk. */
  edits: EditedDocuments;
}

export type OpenMode = 'replace' | 'add';

/** Loading progress reaches the windows this often at most. */
const PROGRESS_EVERY_MS = 200;

export class CorpusSession {
  private documents = new Map<string, LoadedDocument>();
  private skipped: SkippedFile[] = [];
  private sources: string[] = [];
  private progress = { done: 0, total: 0 };
  private pendingJobs = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statusListeners = new Set<(status: CorpusStatus) => void>();
  private progressTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: CorpusSessionOptions) {}

  /** Called with the status whenever it changes (progress at most every PROGRESS_EVERY_MS). */
  onStatus(listener: (status: CorpusStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private announce(): void {
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = null;
    if (this.statusListeners.size === 0) return;
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }

  private announceProgress(): void {
    this.progressTimer ??= setTimeout(() => this.announce(), PROGRESS_EVERY_MS);
  }

  get(docId: string): LoadedDocument | undefined {
    return this.documents.get(docId);
  }

  all(): LoadedDocument[] {
    return [...this.documents.values()];
  }

  status(): CorpusStatus {
    const documents = this.all().map(
      (d): DocumentSummary => ({
        id: d.id,
        title: d.title,
        fileName: d.fileName,
        path: d.path,
        length: d.text.length,
        counts: this.options.store.cachedCounts(d.id) ?? emptyCounts(),
        warnings: [...d.warnings],
      }),
    );
    return { loading: this.pendingJobs > 0, ...this.progress, documents, skipped: this.skipped.map((s) => ({ ...s })) };
  }

  /** Starts loading `paths` in the background and returns the status at once (loading). */
  open(paths: readonly string[], mode: OpenMode): CorpusStatus {
    this.enqueue(() => this.load([...paths], mode)).catch((error: unknown) => {
      this.options.notices.raise('error', `Loading documents failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.status();
  }

  /** Saves uploaded texts into the documents folder and adds them to the corpus. */
  addUploads(files: readonly UploadedFile[]): Promise<CorpusStatus> {
    return this.enqueue(async () => {
      for (const file of files) await this.addUpload(file);
      return this.status();
    });
  }

  /** Resolves with the status once every load started so far has finished. */
  async whenIdle(): Promise<CorpusStatus> {
    while (this.pendingJobs > 0) await this.queue.catch(() => undefined);
    return this.status();
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.pendingJobs++;
    const run = this.queue
      .then(() => {
        this.progress = { done: 0, total: 0 };
        this.announce();
        return job();
      })
      .finally(() => {
        this.pendingJobs--;
        this.announce();
      });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private isUploaded(absolutePath: string): boolean {
    return absolutePath.startsWith(this.options.documentsDir + sep);
  }

  private async load(paths: string[], mode: OpenMode): Promise<void> {
    const { documentsDir, notices, settings } = this.options;
    const roots = mode === 'replace' ? [documentsDir, ...paths] : paths;
    const result: CorpusLoadResult = await loadCorpus(
      roots,
      (done, total) => {
        this.progress = { done, total };
        this.announceProgress();
      },
      { alreadyOpen: mode === 'add' ? this.documents : undefined },
    );
    for (const doc of result.documents) {
      if (this.isUploaded(doc.absolutePath)) doc.path = `uploaded/${relative(documentsDir, doc.absolutePath).split(sep).join('/')}`;
    }

    const skipped = result.skipped.filter((s) => s.path !== documentsDir);
    const missing = skipped.filter((s) => s.reason === 'not found' && paths.includes(s.path));
    if (missing.length > 0) {
      notices.raise('warning', `Could not open ${missing.map((m) => m.path).join(', ')}: not found.`);
    }
    const found = result.foundSources.filter((p) => p !== documentsDir);
    const folders = result.folders.filter((p) => p !== documentsDir);
    if (mode === 'replace') {
      this.documents = new Map(result.documents.map((d) => [d.id, d]));
      this.skipped = skipped;
      this.sources = found;
    } else {
      for (const doc of result.documents) this.documents.set(doc.id, doc);
      const known = new Set(this.skipped.map((s) => `${s.path}\n${s.reason}`));
      this.skipped.push(...skipped.filter((s) => !known.has(`${s.path}\n${s.reason}`)));
      this.sources = [...new Set([...this.sources, ...found])];
    }
    settings.recordOpened(this.sources, folders);
    // After the commit, so notices about damaged store files can name the document.
    await this.followEdits(result.documents);
    await this.prefetchCounts(result.documents);
  }

  /** Reads counts for documents that have annotations, so the list shows them when loading ends. */
  private async prefetchCounts(documents: readonly LoadedDocument[]): Promise<void> {
    const withFiles = await this.options.store.scopesWithFiles();
    await mapWithConcurrency(
      documents.filter((d) => withFiles.has(d.id)),
      16,
      (d) =>
        this.options.store.counts(d.id).catch((error: unknown) => {
          this.options.notices.raise('error', error instanceof Error ? error.message : String(error));
        }),
    );
  }

  private async addUpload(file: UploadedFile): Promise<void> {
    const bytes = Buffer.from(file.base64, 'base64');
    const decoded = decodeTextFile(bytes);
    if (decoded.kind === 'skipped') {
      this.skipped.push({ path: file.name, reason: decoded.reason });
      return;
    }
    const existing = this.documents.get(decoded.id);
    if (existing) {
      this.skipped.push({ path: file.name, reason: `same text as ${existing.path}` });
      return;
    }
    let target: string;
    try {
      target = await saveUpload(this.options.documentsDir, file.name, bytes);
    } catch (error) {
      throw new Error(`Could not save the uploaded file ${file.name} into ${this.options.documentsDir}: ${describeFsError(error)}`);
    }
    const fileName = basename(target);
    const doc: LoadedDocument = {
      id: decoded.id,
      title: titleOf(decoded.text, fileName),
      fileName,
      path: `uploaded/${fileName}`,
      absolutePath: target,
      text: decoded.text,
      warnings: decoded.warnings,
    };
    this.documents.set(doc.id, doc);
    await this.followEdits([doc]);
    await this.prefetchCounts([doc]);
  }

  /** Files whose text changed since they were last loaded take their annotations along. */
  private async followEdits(documents: readonly LoadedDocument[]): Promise<void> {
    try {
      await this.options.edits.reconcile(documents, this.documents);
    } catch (error) {
      this.options.notices.raise('error', `Could not move annotations onto edited files: ${error instanceof Error ? error.message : String(error)}. Nothing was deleted; the next start tries again.`);
    }
  }
}
