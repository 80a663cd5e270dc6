// Records per scope (a document, or the corpus): dataDir/records/<scope>.json (atomic,
// verified snapshot) plus <scope>.journal (fsynced JSON Lines, one line per batch). A batch costs
// one append to one small file, whatever the size of the corpus, and is all or nothing after a
// crash. Damaged files are moved aside, never wiped. Every applied batch is announced on the
// change feed with its origin.
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ChangeOrigin } from '../../../shared/api/events';
import { type TagCounts, emptyCounts } from '../../../shared/model';
import { type MarginaliaRecord, expectedRev } from '../../../shared/model/records';
import { currentCall } from '../api/call-context';
import { describeFsError, fsyncDirectory, moveAside } from '../fs-safety';
import type { Clock, NoticeBoard } from '../notices';
import { SafeReadError, readRegularFile } from '../safe-read';
import { TEMP_FILE_PATTERN, appendToFile, replaceFile, truncateFile } from '../storage/durable-write';
import { ensurePrivateDir } from '../storage/private-dir';
import { SCOPE_PATTERN, parseJournal, parseSnapshot, serializeBatch, serializeSnapshot } from './record-files';

export interface RecordStoreOptions {
  /** The records folder, e.g. dataDir/records. */
  dir: string;
  notices: NoticeBoard;
  clock?: Clock;
  /** Names a document for notices, e.g. “Title” (file.txt); falls back to the id. */
  describeScope?: (scope: string) => string | undefined;
  /** Compact once the journal has this many batches. */
  compactAfterLines?: number;
  /** ...or once it is larger than the snapshot and than this many bytes. */
  compactAfterBytes?: number;
  /** Scopes whose records stay in memory (least recently used are dropped). */
  maxCachedScopes?: number;
}

interface ScopeState {
  records: Map<string, MarginaliaRecord>;
  journalLines: number;
  journalBytes: number;
  snapshotBytes: number;
}

/**
 * How a batch is applied. `next`: each record must be the next revision of the stored one
 * (saves from a window; anything else is stale). `merge`: a record is taken when its revision is
 * newer than the stored one, else left out (imports, sync).
 */
export type ApplyMode = 'next' | 'merge';

/** What a saved batch changed. */
export interface AppliedBatch {
  /** The records taken, as stored. */
  taken: MarginaliaRecord[];
  /** Span counts per tag after it (live spans only). */
  counts: TagCounts;
}

/** One batch as the change feed announces it. */
export interface StoredBatch extends AppliedBatch {
  scope: string;
  origin: ChangeOrigin;
}

/** A record sent as the next revision of one that has moved on (or does not exist). */
export interface RevisionConflict {
  id: string;
  sentRev: number;
  stored: MarginaliaRecord | null;
}

/** Thrown by apply in `next` mode when a record is not the next revision; nothing was written. */
export class StaleRecordError extends Error {
  constructor(readonly conflicts: RevisionConflict[]) {
    super(`${conflicts.length} record(s) were built on an older revision`);
  }
}

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

async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) if (TEMP_FILE_PATTERN.test(name)) await rm(join(dir, name), { force: true });
}

function countSpans(records: Iterable<MarginaliaRecord>): { counts: TagCounts; byCreator: Record<string, TagCounts> } {
  const counts = emptyCounts();
  const byCreator: Record<string, TagCounts> = {};
  for (const r of records) {
    if (r.kind !== 'span' || r.deleted) continue;
    counts[r.tag]++;
    (byCreator[r.creator.id] ??= emptyCounts())[r.tag]++;
  }
  return { counts, byCreator };
}

export class RecordStore {
  private readonly appliedListeners = new Set<(batch: StoredBatch) => void>();
  private readonly states = new Map<string, ScopeState>(); // insertion order = least recently used first
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly countsCache = new Map<string, TagCounts>();
  private readonly creatorCountsCache = new Map<string, Record<string, TagCounts>>();
  private readonly clock: Clock;
  private readonly ready: Promise<unknown>;

  constructor(private readonly options: RecordStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.ready = ensurePrivateDir(options.dir).then(() => removeStaleTempFiles(options.dir));
  }

  /** The scope's live records (tombstones only when asked for). */
  list(scope: string, options: { withDeleted?: boolean } = {}): Promise<MarginaliaRecord[]> {
    return this.exclusive(scope, async (state) => [...state.records.values()].filter((r) => options.withDeleted || !r.deleted));
  }

  /** The stored versions (tombstones included) of the given ids, without copying the whole scope. */
  getMany(scope: string, ids: Iterable<string>): Promise<Map<string, MarginaliaRecord>> {
    return this.exclusive(scope, async (state) => {
      const found = new Map<string, MarginaliaRecord>();
      for (const id of ids) {
        const record = state.records.get(id);
        if (record) found.set(id, record);
      }
      return found;
    });
  }

  /** Span counts per tag; cached, so summarizing many documents reads each store file once. */
  async counts(scope: string): Promise<TagCounts> {
    const cached = this.countsCache.get(scope);
    if (cached) return { ...cached };
    return this.exclusive(scope, async (state) => this.cachedCounts(scope) ?? this.updateCounts(scope, state));
  }

  /** Counts already known without touching the disk, if any. */
  cachedCounts(scope: string): TagCounts | undefined {
    const cached = this.countsCache.get(scope);
    return cached && { ...cached };
  }

  /** Span counts per tag of each creator (by id), when known without touching the disk. */
  cachedCountsByCreator(scope: string): Record<string, TagCounts> | undefined {
    const cached = this.creatorCountsCache.get(scope);
    return cached && Object.fromEntries(Object.entries(cached).map(([id, c]) => [id, { ...c }]));
  }

  /** The change feed: called after every applied batch, once it is on disk. */
  onApplied(listener: (batch: StoredBatch) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /**
   * Applies a batch as one journal line, fsynced before this resolves. Memory changes only after
   * the fsync, so what the store reports is what is on disk.
   */
  apply(scope: string, records: readonly MarginaliaRecord[], options: { mode: ApplyMode; origin?: ChangeOrigin }): Promise<AppliedBatch> {
    const origin = options.origin ?? { kind: 'window', clientId: currentCall().clientId };
    return this.exclusive(scope, async (state) => {
      // Checked inside the scope's queue, so no other write can slip between check and write.
      const taken = this.select(state, records, options.mode);
      if (taken.length === 0) return { taken, counts: this.updateCounts(scope, state) };
      let size: number;
      try {
        size = await appendToFile(this.journalPath(scope), serializeBatch(taken, this.clock()), state.journalBytes);
      } catch (error) {
        // What is on disk is the truth: the next task reloads it rather than trusting this state.
        this.states.delete(scope);
        throw error; // a WriteError whose message starts with the reason ("the disk is full (…)")
      }
      if (state.journalBytes === 0) await fsyncDirectory(this.options.dir); // a new file's name must be durable too
      state.journalBytes = size;
      state.journalLines++;
      for (const record of taken) state.records.set(record.id, record);
      const counts = this.updateCounts(scope, state);
      if (this.needsCompaction(state)) {
        // The batch is already durable in the journal; a failed compaction is retried next time.
        await this.compact(scope, state).catch(() => undefined);
      }
      const batch: StoredBatch = { scope, origin, taken, counts };
      for (const listener of this.appliedListeners) listener(batch);
      return { taken, counts };
    });
  }

  /** Writes the snapshot now and empties the journal. */
  compactNow(scope: string): Promise<void> {
    return this.exclusive(scope, (state) => this.compact(scope, state));
  }

  /**
   * Moves a scope's files into `replaced/` (kept, never deleted) once its records live on under
   * another scope, e.g. after its file was edited on disk.
   */
  retire(scope: string): Promise<void> {
    return this.exclusive(scope, async () => {
      const dir = join(this.options.dir, 'replaced');
      await ensurePrivateDir(dir);
      for (const path of [this.journalPath(scope), this.snapshotPath(scope)]) {
        await rename(path, join(dir, basename(path))).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      await fsyncDirectory(dir);
      await fsyncDirectory(this.options.dir);
      this.states.delete(scope);
      this.countsCache.delete(scope);
      this.creatorCountsCache.delete(scope);
    });
  }

  /** Scopes that have store files, without reading them. */
  async scopesWithFiles(): Promise<Set<string>> {
    await this.ready;
    const scopes = new Set<string>();
    for (const name of await readdir(this.options.dir)) {
      const match = /^([0-9a-f]{64}|corpus)\.(json|journal)$/.exec(name);
      if (match?.[1]) scopes.add(match[1]);
    }
    return scopes;
  }

  /** Resolves once every write started so far has finished. */
  async flush(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  /** The records of a batch that the store takes, or throws StaleRecordError (`next` mode). */
  private select(state: ScopeState, records: readonly MarginaliaRecord[], mode: ApplyMode): MarginaliaRecord[] {
    const current = new Map<string, MarginaliaRecord>();
    const stored = (id: string) => current.get(id) ?? state.records.get(id);
    const taken: MarginaliaRecord[] = [];
    const conflicts: RevisionConflict[] = [];
    for (const record of records) {
      const before = stored(record.id);
      if (mode === 'next' && record.rev !== expectedRev(before)) {
        conflicts.push({ id: record.id, sentRev: record.rev, stored: before ?? null });
        continue;
      }
      if (mode === 'merge' && before && before.rev >= record.rev) continue;
      current.set(record.id, record);
      taken.push(record);
    }
    if (conflicts.length > 0) throw new StaleRecordError(conflicts);
    return taken;
  }

  private snapshotPath(scope: string): string {
    return join(this.options.dir, `${scope}.json`);
  }

  private journalPath(scope: string): string {
    return join(this.options.dir, `${scope}.journal`);
  }

  private describe(scope: string): string {
    return this.options.describeScope?.(scope) ?? (scope === 'corpus' ? 'the corpus' : `document ${scope.slice(0, 12)}…`);
  }

  /** Runs `task` after every earlier task for the same scope (writes never interleave). */
  private exclusive<T>(scope: string, task: (state: ScopeState) => Promise<T>): Promise<T> {
    if (!SCOPE_PATTERN.test(scope)) return Promise.reject(new Error(`Not a document id: ${scope}`));
    const previous = this.tails.get(scope) ?? this.ready;
    const run = previous.then(async () => task(await this.state(scope)));
    const tail = run.catch(() => undefined);
    this.tails.set(scope, tail);
    void tail.then(() => {
      if (this.tails.get(scope) === tail) this.tails.delete(scope);
    });
    return run;
  }

  private async state(scope: string): Promise<ScopeState> {
    let state = this.states.get(scope);
    if (state) this.states.delete(scope);
    else state = await this.load(scope);
    this.states.set(scope, state);
    const max = this.options.maxCachedScopes ?? 64;
    for (const oldest of this.states.keys()) {
      if (this.states.size <= max) break;
      this.states.delete(oldest); // safe: its next task reloads from disk, after this one
    }
    return state;
  }

  private updateCounts(scope: string, state: ScopeState): TagCounts {
    const { counts, byCreator } = countSpans(state.records.values());
    this.countsCache.set(scope, counts);
    this.creatorCountsCache.set(scope, byCreator);
    return { ...counts };
  }

  private needsCompaction(state: ScopeState): boolean {
    const lines = this.options.compactAfterLines ?? 1000;
    const bytes = this.options.compactAfterBytes ?? 64 * 1024;
    return state.journalLines >= lines || (state.journalBytes > state.snapshotBytes && state.journalBytes > bytes);
  }

  private async compact(scope: string, state: ScopeState): Promise<void> {
    const content = serializeSnapshot(scope, state.records.values());
    // Written in full, fsynced and read back before it replaces the old snapshot; only then
    // may the journal go. A crash between the two leaves batches the snapshot already holds,
    // which replay to the same records.
    await replaceFile(this.snapshotPath(scope), content);
    state.snapshotBytes = Buffer.byteLength(content, 'utf8');
    await truncateFile(this.journalPath(scope), 0);
    state.journalBytes = 0;
    state.journalLines = 0;
  }

  /** The file's bytes or null; a file that is not a plain file (a link, a FIFO) is moved aside. */
  private async read(path: string, scope: string): Promise<Buffer | null> {
    let read;
    try {
      read = await readStoreFile(path);
    } catch (error) {
      throw new Error(`Could not read the annotations of ${this.describe(scope)} from ${path}: ${describeFsError(error)}`);
    }
    if (read === null || Buffer.isBuffer(read)) return read;
    await this.quarantine(path, scope, `it ${read.refused}`, 'Nothing was read from it; other documents are not affected.');
    return null;
  }

  private async quarantine(path: string, scope: string, why: string, consequence: string): Promise<void> {
    let movedTo: string;
    try {
      movedTo = await moveAside(path, this.clock());
    } catch (error) {
      // Loading without it would let the next save overwrite it, so refuse instead.
      throw new Error(`The annotations file ${path} of ${this.describe(scope)} is unreadable (${why}) and could not be moved aside: ${describeFsError(error)}`);
    }
    this.options.notices.raise(
      'error',
      `Annotations of ${this.describe(scope)} could not be read: ${path} — ${why}. It was moved to ${movedTo} (nothing was deleted). ${consequence}`,
    );
  }

  private async load(scope: string): Promise<ScopeState> {
    const state: ScopeState = { records: new Map(), journalLines: 0, journalBytes: 0, snapshotBytes: 0 };
    const snapshotPath = this.snapshotPath(scope);
    const snapshot = await this.read(snapshotPath, scope);
    if (snapshot) {
      const parsed = parseSnapshot(snapshot.toString('utf8'), scope);
      if (parsed.ok) {
        for (const r of parsed.records) state.records.set(r.id, r);
        state.snapshotBytes = snapshot.length;
      } else {
        await this.quarantine(snapshotPath, scope, parsed.why, 'Changes saved after it was last written are kept; other documents are not affected.');
      }
    }
    const journalPath = this.journalPath(scope);
    const journal = await this.read(journalPath, scope);
    if (journal) {
      const parsed = parseJournal(journal, scope);
      for (const batch of parsed.batches) for (const r of batch) state.records.set(r.id, r);
      if (parsed.badLines.length > 0) {
        const lines = parsed.badLines.map((b) => `line ${b.line}: ${b.why}`).join('; ');
        await this.quarantine(journalPath, scope, `damaged (${lines})`, `Its ${parsed.batches.length} readable batches were kept; other documents are not affected.`);
        await this.compact(scope, state); // the kept changes now live only in memory: make them durable
      } else {
        // A torn last line is the normal trace of a crash mid-write; it was never acknowledged.
        if (parsed.keptBytes < journal.length) await truncateFile(journalPath, parsed.keptBytes);
        state.journalBytes = parsed.keptBytes;
        state.journalLines = parsed.batches.length;
      }
    }
    this.updateCounts(scope, state);
    return state;
  }
}
