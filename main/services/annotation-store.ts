// Annotations per document: dataDir/annotations/<docId>.json (atomic snapshot) plus
// <docId>.journal (fsynced JSON Lines of idempotent ops). One change costs one append to one
// small file, whatever the size of the corpus. Damaged files are moved aside, never wiped.
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Annotation, type AnnotationChange, type TagCounts, compareAnnotations, countByTag } from '../../shared/model';
import { describeFsError, fsyncDirectory, moveAside } from './fs-safety';
import { TEMP_FILE_PATTERN, appendToFile, replaceFile, truncateFile } from './storage/durable-write';
import { ensurePrivateDir } from './storage/private-dir';
import { SafeReadError, readRegularFile } from './safe-read';
import type { ChangeOrigin } from '../../shared/api/events';
import { currentCall } from './api/call-context';
import type { Clock, NoticeBoard } from './notices';
import { type RevisionConflict, applyOp, changesToOps, findConflicts, parseJournal, parseSnapshot, serializeOps, serializeSnapshot } from './store-files';

export interface AnnotationStoreOptions {
  /** The annotations folder, e.g. dataDir/annotations. */
  dir: string;
  notices: NoticeBoard;
  clock?: Clock;
  /** Names a document for notices, e.g. “Title” (file.txt); falls back to the id. */
  describeDocument?: (docId: string) => string | undefined;
  /** Compact once the journal has this many lines. */
  compactAfterLines?: number;
  /** ...or once it is larger than the snapshot and than this many bytes. */
  compactAfterBytes?: number;
  /** Documents whose annotations stay in memory (least recently used are dropped). */
  maxCachedDocuments?: number;
}

interface DocState {
  annotations: Map<string, Annotation>;
  journalLines: number;
  journalBytes: number;
  snapshotBytes: number;
}

const DOC_ID = /^[0-9a-f]{64}$/;

/** Larger store files are refused rather than read into memory. */
const MAX_STORE_FILE_BYTES = 512 * 1024 * 1024;

/** A store file's bytes, null when it does not exist, or why it was refused (a link, a FIFO…). */
async function readStoreFile(path: string): Promise<Buffer | null | { refused: string }> {
  try {
    return await readRegularFile(path, { maxBytes: MAX_STORE_FILE_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof SafeReadError) return { refused: error.reason };
    throw error;
  }
}

/** Temp files of an interrupted snapshot write: ours, and write-file-atomic's `<target>.<uint32>` from older versions. */
function isStaleTemp(name: string): boolean {
  return TEMP_FILE_PATTERN.test(name) || /^[0-9a-f]{64}\.json\.\d+$/.test(name);
}

async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (isStaleTemp(name)) await rm(join(dir, name), { force: true });
  }
}

/** What a saved batch changed: counts after it, and each touched record's new revision (null: deleted). */
export interface AppliedBatch {
  counts: TagCounts;
  revs: Record<string, number | null>;
}

/** Thrown by apply when a change was built on an older revision; nothing was written. */
export class StaleChangeError extends Error {
  constructor(readonly conflicts: RevisionConflict[]) {
    super(`${conflicts.length} change(s) were built on an older revision`);
  }
}

/** One batch as the change feed announces it. */
export interface StoredBatch {
  docId: string;
  origin: ChangeOrigin;
  put: Annotation[];
  deleted: string[];
  counts: TagCounts;
}

export class AnnotationStore {
  private readonly appliedListeners = new Set<(batch: StoredBatch) => void>();
  private readonly states = new Map<string, DocState>(); // insertion order = least recently used first
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly countsCache = new Map<string, TagCounts>();
  private readonly clock: Clock;
  private readonly ready: Promise<unknown>;

  constructor(private readonly options: AnnotationStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.ready = ensurePrivateDir(options.dir).then(() => removeStaleTempFiles(options.dir));
  }

  /** The document's annotations in text order. */
  list(docId: string): Promise<Annotation[]> {
    return this.exclusive(docId, async (state) => [...state.annotations.values()].sort(compareAnnotations));
  }

  /** Per-tag counts; cached, so summarizing many documents reads each store file once. */
  async counts(docId: string): Promise<TagCounts> {
    const cached = this.countsCache.get(docId);
    if (cached) return { ...cached };
    return this.exclusive(docId, async (state) => this.cachedCounts(docId) ?? this.updateCounts(docId, state));
  }

  /** Counts already known without touching the disk, if any. */
  cachedCounts(docId: string): TagCounts | undefined {
    const cached = this.countsCache.get(docId);
    return cached && { ...cached };
  }

  /**
   * Applies a batch: one journal append, fsynced before this resolves. Memory changes only
   * after the fsync, so what the store reports is what is on disk.
   */
  /** The change feed: called after every applied batch, once it is on disk. */
  onApplied(listener: (batch: StoredBatch) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  apply(docId: string, changes: readonly AnnotationChange[], origin: ChangeOrigin = { kind: 'window', clientId: currentCall().clientId }): Promise<AppliedBatch> {
    return this.exclusive(docId, async (state) => {
      // Checked and stamped inside the document's queue, so no other write can slip between.
      const conflicts = findConflicts(state.annotations, changes);
      if (conflicts.length > 0) throw new StaleChangeError(conflicts);
      const ops = changesToOps(state.annotations, changes);
      const payload = serializeOps(ops);
      let size: number;
      try {
        size = await appendToFile(this.journalPath(docId), payload, state.journalBytes);
      } catch (error) {
        // What is on disk is the truth: the next task reloads it rather than trusting this state.
        this.states.delete(docId);
        throw error; // a WriteError whose message starts with the reason ("the disk is full (…)")
      }
      if (state.journalBytes === 0) await fsyncDirectory(this.options.dir); // a new file's name must be durable too
      state.journalBytes = size;
      state.journalLines += ops.length;
      for (const op of ops) applyOp(state.annotations, op);
      const counts = this.updateCounts(docId, state);
      if (this.needsCompaction(state)) {
        // The batch is already durable in the journal; a failed compaction is retried next time.
        await this.compact(docId, state).catch(() => undefined);
      }
      const revs: Record<string, number | null> = {};
      for (const op of ops) revs[op.op === 'put' ? op.annotation.id : op.id] = op.op === 'put' ? (op.annotation.rev ?? null) : null;
      const batch: StoredBatch = {
        docId,
        origin,
        put: ops.flatMap((op) => (op.op === 'put' ? [op.annotation] : [])),
        deleted: ops.flatMap((op) => (op.op === 'delete' ? [op.id] : [])),
        counts,
      };
      for (const listener of this.appliedListeners) listener(batch);
      return { counts, revs };
    });
  }

  /** Writes the snapshot now and empties the journal. */
  compactNow(docId: string): Promise<void> {
    return this.exclusive(docId, (state) => this.compact(docId, state));
  }

  /**
   * Moves a document's store files into `replaced/` (kept, never deleted) once its annotations
   * live on under another id, e.g. after its file was edited on disk.
   */
  retire(docId: string): Promise<void> {
    return this.exclusive(docId, async () => {
      const dir = join(this.options.dir, 'replaced');
      await ensurePrivateDir(dir);
      for (const path of [this.journalPath(docId), this.snapshotPath(docId)]) {
        await rename(path, join(dir, basename(path))).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      await fsyncDirectory(dir);
      await fsyncDirectory(this.options.dir);
      this.states.delete(docId);
      this.countsCache.delete(docId);
    });
  }

  /** Ids of documents that have store files, without reading them. */
  async documentsWithFiles(): Promise<Set<string>> {
    await this.ready;
    const ids = new Set<string>();
    for (const name of await readdir(this.options.dir)) {
      const match = /^([0-9a-f]{64})\.(json|journal)$/.exec(name);
      if (match?.[1]) ids.add(match[1]);
    }
    return ids;
  }

  /** Resolves once every write started so far has finished. */
  async flush(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  private snapshotPath(docId: string): string {
    return join(this.options.dir, `${docId}.json`);
  }

  private journalPath(docId: string): string {
    return join(this.options.dir, `${docId}.journal`);
  }

  private describe(docId: string): string {
    return this.options.describeDocument?.(docId) ?? `document ${docId.slice(0, 12)}…`;
  }

  /** Runs `task` after every earlier task for the same document (writes never interleave). */
  private exclusive<T>(docId: string, task: (state: DocState) => Promise<T>): Promise<T> {
    if (!DOC_ID.test(docId)) return Promise.reject(new Error(`Not a document id: ${docId}`));
    const previous = this.tails.get(docId) ?? this.ready;
    const run = previous.then(async () => task(await this.state(docId)));
    const tail = run.catch(() => undefined);
    this.tails.set(docId, tail);
    void tail.then(() => {
      if (this.tails.get(docId) === tail) this.tails.delete(docId);
    });
    return run;
  }

  private async state(docId: string): Promise<DocState> {
    let state = this.states.get(docId);
    if (state) this.states.delete(docId);
    else state = await this.load(docId);
    this.states.set(docId, state);
    const max = this.options.maxCachedDocuments ?? 64;
    for (const oldest of this.states.keys()) {
      if (this.states.size <= max) break;
      this.states.delete(oldest); // safe: its next task reloads from disk, after this one
    }
    return state;
  }

  private updateCounts(docId: string, state: DocState): TagCounts {
    const counts = countByTag([...state.annotations.values()]);
    this.countsCache.set(docId, counts);
    return { ...counts };
  }

  private needsCompaction(state: DocState): boolean {
    const lines = this.options.compactAfterLines ?? 1000;
    const bytes = this.options.compactAfterBytes ?? 64 * 1024;
    return state.journalLines >= lines || (state.journalBytes > state.snapshotBytes && state.journalBytes > bytes);
  }

  private async compact(docId: string, state: DocState): Promise<void> {
    const content = serializeSnapshot(docId, state.annotations.values());
    // Written in full, fsynced and read back before it replaces the old snapshot; only then
    // may the journal go. A crash between the two leaves ops the snapshot already holds.
    await replaceFile(this.snapshotPath(docId), content);
    state.snapshotBytes = Buffer.byteLength(content, 'utf8');
    await truncateFile(this.journalPath(docId), 0);
    state.journalBytes = 0;
    state.journalLines = 0;
  }

  /** The file's bytes or null; a file that is not a plain file (a link, a FIFO) is moved aside. */
  private async read(path: string, docId: string): Promise<Buffer | null> {
    let read;
    try {
      read = await readStoreFile(path);
    } catch (error) {
      throw new Error(`Could not read the annotations of ${this.describe(docId)} from ${path}: ${describeFsError(error)}`);
    }
    if (read === null || Buffer.isBuffer(read)) return read;
    await this.quarantine(path, docId, `it ${read.refused}`, 'Nothing was read from it; other documents are not affected.');
    return null;
  }

  private async quarantine(path: string, docId: string, why: string, consequence: string): Promise<void> {
    let movedTo: string;
    try {
      movedTo = await moveAside(path, this.clock());
    } catch (error) {
      // Loading without it would let the next save overwrite it, so refuse instead.
      throw new Error(`The annotations file ${path} of ${this.describe(docId)} is unreadable (${why}) and could not be moved aside: ${describeFsError(error)}`);
    }
    this.options.notices.raise(
      'error',
      `Annotations of ${this.describe(docId)} could not be read: ${path} — ${why}. It was moved to ${movedTo} (nothing was deleted). ${consequence}`,
    );
  }

  private async load(docId: string): Promise<DocState> {
    const state: DocState = { annotations: new Map(), journalLines: 0, journalBytes: 0, snapshotBytes: 0 };
    const snapshotPath = this.snapshotPath(docId);
    const snapshot = await this.read(snapshotPath, docId);
    if (snapshot) {
      const parsed = parseSnapshot(snapshot.toString('utf8'), docId);
      if (parsed.ok) {
        for (const a of parsed.annotations) state.annotations.set(a.id, a);
        state.snapshotBytes = snapshot.length;
      } else {
        await this.quarantine(snapshotPath, docId, parsed.why, 'Changes saved after it was last written are kept; other documents are not affected.');
      }
    }
    const journalPath = this.journalPath(docId);
    const journal = await this.read(journalPath, docId);
    if (journal) {
      const parsed = parseJournal(journal, docId);
      for (const op of parsed.ops) applyOp(state.annotations, op);
      if (parsed.badLines.length > 0) {
        const lines = parsed.badLines.map((b) => `line ${b.line}: ${b.why}`).join('; ');
        await this.quarantine(journalPath, docId, `damaged (${lines})`, `Its ${parsed.ops.length} readable changes were kept; other documents are not affected.`);
        await this.compact(docId, state); // the kept changes now live only in memory: make them durable
      } else {
        // A torn last line is the normal trace of a crash mid-write; it was never acknowledged.
        if (parsed.keptBytes < journal.length) await truncateFile(journalPath, parsed.keptBytes);
        state.journalBytes = parsed.keptBytes;
        state.journalLines = parsed.lines;
      }
    }
    this.updateCounts(docId, state);
    return state;
  }
}
