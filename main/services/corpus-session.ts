// The open corpus: which documents are loaded, what was skipped, and loading progress.
// Loads run one after another in the background; the status is always answerable at once.
import { basename, relative, resolve, sep } from 'node:path';
import type { CorpusStatus, DocumentStatus, DocumentSummary, SkippedFile, UploadedFile } from '../../shared/api';
import { emptyCounts } from '../../shared/model';
import { titleOf } from '../../shared/text';
import type { RecordStore } from './store/record-store';
import { mapWithConcurrency } from './concurrency';
import { type CorpusLoadResult, type LoadedDocument, loadCorpus } from './corpus-loader';
import { describeFsError, exists } from './fs-safety';
import type { NoticeBoard } from './notices';
import type { SettingsService } from './settings';
import { decodeTextFile } from './text-file';
import { saveUpload } from './uploads';
import type { EditedDocuments } from './edited-documents';
import type { DocumentStates } from './document-states';
import { isWithin } from './safe-read';

export interface CorpusSessionOptions {
  /** dataDir/documents: uploaded texts, always part of the corpus. */
  documentsDir: string;
  notices: NoticeBoard;
  settings: SettingsService;
  store: RecordStore;
  /** Moves annotations onto files whose text changed on disk. */
  edits: EditedDocuments;
  /** When each document was added, its status, and the files removed from the open set. */
  states: DocumentStates;
}

export type OpenMode = 'replace' | 'add';

export interface OpenOptions {
  /**
   * Reopening what was open last time (at start): files the analyst removed from the open set
   * stay out. Otherwise the analyst opens the paths on purpose, which takes removed files under
   * them back in.
   */
  restoring?: boolean;
}

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
        countsByCreator: this.options.store.cachedCountsByCreator(d.id) ?? {},
        addedAt: this.options.states.addedAt(d.id),
        status: this.options.states.status(d.id),
        warnings: [...d.warnings],
      }),
    );
    return { loading: this.pendingJobs > 0, ...this.progress, documents, skipped: this.skipped.map((s) => ({ ...s })) };
  }

  /** Starts loading `paths` in the background and returns the status at once (loading). */
  open(paths: readonly string[], mode: OpenMode, options: OpenOptions = {}): CorpusStatus {
    this.enqueue(() => this.load([...paths], mode, options.restoring ?? false)).catch((error: unknown) => {
      this.options.notices.raise('error', `Loading documents failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.status();
  }

  /**
   * Takes documents out of the open set: they are not loaded again at the next start, until their
   * folder or file is opened again. Their annotations stay in the store.
   */
  remove(docIds: readonly string[]): Promise<CorpusStatus> {
    return this.enqueue(async () => {
      const removed = docIds.map((id) => this.documents.get(id)).filter((d): d is LoadedDocument => d !== undefined);
      if (removed.length === 0) return this.status();
      for (const doc of removed) this.documents.delete(doc.id);
      const paths = new Set(removed.map((d) => d.absolutePath));
      const sources = this.sources.filter((s) => !paths.has(s));
      if (sources.length !== this.sources.length) {
        this.sources = sources;
        this.options.settings.recordOpened(this.sources, []);
      }
      this.options.states.markRemoved(removed);
      await this.saveStates();
      return this.status();
    });
  }

  /** The analyst's status of a document; every window hears of it. */
  async setStatus(docId: string, status: DocumentStatus): Promise<void> {
    await this.options.states.setStatus(docId, status);
    this.announce();
  }

  private async saveStates(): Promise<void> {
    try {
      await this.options.states.save();
    } catch (error) {
      this.options.notices.raise('warning', error instanceof Error ? error.message : String(error));
    }
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

  private async load(paths: string[], mode: OpenMode, restoring: boolean): Promise<void> {
    const { documentsDir, notices, settings, states } = this.options;
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
    // Removed files stay out, unless the analyst opened them (or their folder) again just now.
    if (!restoring) {
      const roots = paths.map((p) => resolve(p));
      states.restore((path) => roots.some((root) => isWithin(root, path)));
    }
    const loaded = result.documents.filter((d) => !states.isRemoved(d.absolutePath));
    for (const doc of loaded) states.addedAt(doc.id);

    const skipped = result.skipped.filter((s) => s.path !== documentsDir);
    const missing = skipped.filter((s) => s.reason === 'not found' && paths.includes(s.path));
    if (missing.length > 0) {
      notices.raise('warning', `Could not open ${missing.map((m) => m.path).join(', ')}: not found.`);
    }
    const found = result.foundSources.filter((p) => p !== documentsDir);
    const folders = result.folders.filter((p) => p !== documentsDir);
    if (mode === 'replace') {
      this.documents = new Map(loaded.map((d) => [d.id, d]));
      this.skipped = skipped;
      this.sources = found;
    } else {
      for (const doc of loaded) this.documents.set(doc.id, doc);
      const known = new Set(this.skipped.map((s) => `${s.path}\n${s.reason}`));
      this.skipped.push(...skipped.filter((s) => !known.has(`${s.path}\n${s.reason}`)));
      this.sources = [...new Set([...this.sources, ...found])];
    }
    settings.recordOpened(this.sources, folders);
    this.reportEmptyFolders(folders, skipped.length);
    await this.saveStates();
    // After the commit, so notices about damaged store files can name the document.
    await this.followEdits(loaded);
    await this.prefetchCounts(loaded);
  }

  /** A folder that gave no document says so, rather than leaving an empty list to puzzle over. */
  private reportEmptyFolders(folders: readonly string[], skippedCount: number): void {
    const open = [...this.documents.values()];
    for (const folder of folders) {
      if (open.some((d) => isWithin(folder, d.absolutePath))) continue;
      if (this.options.states.hasRemovedUnder(folder)) continue; // emptied by the analyst on purpose
      const message =
        skippedCount === 0
          ? `The folder ${folder} is empty: it holds no .txt or .md files (subfolders included).`
          : `Nothing could be opened from the folder ${folder}: ${skippedCount === 1 ? 'its only file was' : `${skippedCount.toLocaleString('en-US')} files were`} skipped (listed under Skipped files, with the reason).`;
      this.options.notices.raise(skippedCount === 0 ? 'info' : 'warning', message);
    }
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
    // The same text dropped before and removed from the list: take that copy back.
    const removedCopy = this.options.states.removedPathOf(decoded.id);
    let target: string;
    if (removedCopy && this.isUploaded(removedCopy) && (await exists(removedCopy))) {
      target = removedCopy;
      this.options.states.restore((path) => path === removedCopy);
    } else {
      try {
        target = await saveUpload(this.options.documentsDir, file.name, bytes);
      } catch (error) {
        throw new Error(`Could not save the uploaded file ${file.name} into ${this.options.documentsDir}: ${describeFsError(error)}`);
      }
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
    this.options.states.addedAt(doc.id);
    await this.saveStates();
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
