// Every edit of the open document's records goes through here: apply to the store, queue the
// save, and record the inverse for undo. Only the analyst's own records are ever written.
import type { TagType } from '../../../shared/model';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { quoteContext } from '../../../shared/offsets';
import type { DocumentStore } from './document-store';
import type { SaveQueue } from './save-queue';
import type { UndoEntry, UndoHistory } from './undo';

export type UndoOutcome = 'done' | 'nothing' | 'changed-elsewhere';

export class AnnotationCommands {
  constructor(
    private readonly store: DocumentStore,
    private readonly saves: SaveQueue,
    private readonly history: UndoHistory,
  ) {}

  /** Creates a span over an already snapped [start, end) and selects it. */
  create(tag: TagType, start: number, end: number, creator: Creator): SpanRecord {
    const existing = this.store
      .getSnapshot()
      .sorted.find((a) => a.target.start === start && a.target.end === end && a.tag === tag && a.creator.id === creator.id);
    if (existing) {
      this.store.select(existing.id);
      return existing;
    }
    const now = new Date().toISOString();
    const span: SpanRecord = {
      kind: 'span',
      id: crypto.randomUUID(),
      creator,
      rev: 1, // the save queue sends the right revision
      createdAt: now,
      updatedAt: now,
      target: { docId: this.store.docId, start, end, ...quoteContext(this.store.text, start, end) },
      tag,
      note: '',
    };
    this.commit({ forward: [span], backward: [{ ...span, deleted: true }], selectAfterForward: span.id, selectAfterBackward: null });
    return span;
  }

  retag(id: string, tag: TagType): void {
    const old = this.store.get(id);
    if (!old || old.tag === tag) return;
    this.edit(old, { ...old, tag, updatedAt: new Date().toISOString() });
  }

  setNote(id: string, note: string): void {
    const old = this.store.get(id);
    if (!old || old.note === note) return;
    this.edit(old, { ...old, note, updatedAt: new Date().toISOString() });
  }

  /** Deletes a span, and with it the analyst's own reviews and comments that point at it. */
  remove(id: string): void {
    const old = this.store.get(id);
    if (!old) return;
    const now = new Date().toISOString();
    const attached = this.store
      .getSnapshot()
      .records.filter((r) => r.kind !== 'span' && r.target.spanId === id && r.creator.id === old.creator.id);
    const gone = [old, ...attached];
    this.commit({
      forward: gone.map((r) => ({ ...r, deleted: true as const, updatedAt: now })),
      backward: gone,
      selectAfterForward: null,
      selectAfterBackward: id,
    });
  }

  /** Applies a prepared edit (e.g. a review step from shared/model/review-steps.ts) as one undoable entry. */
  perform(entry: UndoEntry): void {
    this.commit(entry);
  }

  /**
   * Undoes this window's last edit, unless what it wrote has been changed since (by another
   * window or host): undoing then would overwrite that change, so the entry is dropped instead.
   */
  undo(): UndoOutcome {
    const entry = this.history.takeUndo();
    if (!entry) return 'nothing';
    if (!this.shows(entry.forward)) {
      this.history.dropRedo();
      return 'changed-elsewhere';
    }
    this.run(entry.backward, entry.selectAfterBackward);
    return 'done';
  }

  redo(): UndoOutcome {
    const entry = this.history.takeRedo();
    if (!entry) return 'nothing';
    if (!this.shows(entry.backward)) {
      this.history.dropUndo();
      return 'changed-elsewhere';
    }
    this.run(entry.forward, entry.selectAfterForward);
    return 'done';
  }

  /** Whether the document still holds exactly these versions (a tombstone: the record is gone). */
  private shows(records: readonly MarginaliaRecord[]): boolean {
    const content = (r: MarginaliaRecord) => JSON.stringify({ ...r, rev: 0 });
    return records.every((r) => {
      const current = this.store.record(r.id);
      return r.deleted ? current === undefined : current !== undefined && content(current) === content(r);
    });
  }

  private edit(old: SpanRecord, next: SpanRecord): void {
    this.commit({ forward: [next], backward: [old], selectAfterForward: next.id, selectAfterBackward: old.id });
  }

  private commit(entry: UndoEntry): void {
    this.history.record(entry);
    this.run(entry.forward, entry.selectAfterForward);
  }

  private run(records: MarginaliaRecord[], select: string | null): void {
    this.store.apply(records);
    this.store.select(select);
    this.saves.enqueue(this.store.docId, records);
  }
}
