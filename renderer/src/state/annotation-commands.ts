// Every edit of the open document's annotations goes through here: apply to the store,
// queue the save, and record the inverse for undo.
import type { Annotation, AnnotationChange, TagType } from '../../../shared/model';
import { quoteContext } from '../../../shared/offsets';
import type { DocumentStore } from './document-store';
import type { SaveQueue } from './save-queue';
import type { UndoEntry, UndoHistory } from './undo';

function put(annotation: Annotation): AnnotationChange {
  return { kind: 'put', annotation };
}

export class AnnotationCommands {
  constructor(
    private readonly store: DocumentStore,
    private readonly saves: SaveQueue,
    private readonly history: UndoHistory,
  ) {}

  /** Creates an annotation over an already snapped [start, end) and selects it. */
  create(type: TagType, start: number, end: number, author: string): Annotation {
    const existing = this.store.getSnapshot().sorted.find((a) => a.start === start && a.end === end && a.type === type);
    if (existing) {
      this.store.select(existing.id);
      return existing;
    }
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: crypto.randomUUID(),
      docId: this.store.docId,
      type,
      start,
      end,
      ...quoteContext(this.store.text, start, end),
      note: '',
      author,
      createdAt: now,
      updatedAt: now,
    };
    this.commit({
      forward: [put(annotation)],
      backward: [{ kind: 'delete', docId: annotation.docId, id: annotation.id }],
      selectAfterForward: annotation.id,
      selectAfterBackward: null,
    });
    return annotation;
  }

  retag(id: string, type: TagType): void {
    const old = this.store.get(id);
    if (!old || old.type === type) return;
    this.edit(old, { ...old, type, updatedAt: new Date().toISOString() });
  }

  setNote(id: string, note: string): void {
    const old = this.store.get(id);
    if (!old || old.note === note) return;
    this.edit(old, { ...old, note, updatedAt: new Date().toISOString() });
  }

  remove(id: string): void {
    const old = this.store.get(id);
    if (!old) return;
    this.commit({
      forward: [{ kind: 'delete', docId: old.docId, id }],
      backward: [put(old)],
      selectAfterForward: null,
      selectAfterBackward: id,
    });
  }

  /** Applies a prepared edit (e.g. a review step from shared/review.ts) as one undoable entry. */
  perform(entry: UndoEntry): void {
    this.commit(entry);
  }

  undo(): boolean {
    const entry = this.history.takeUndo();
    if (!entry) return false;
    this.run(entry.backward, entry.selectAfterBackward);
    return true;
  }

  redo(): boolean {
    const entry = this.history.takeRedo();
    if (!entry) return false;
    this.run(entry.forward, entry.selectAfterForward);
    return true;
  }

  private edit(old: Annotation, next: Annotation): void {
    this.commit({ forward: [put(next)], backward: [put(old)], selectAfterForward: next.id, selectAfterBackward: old.id });
  }

  private commit(entry: UndoEntry): void {
    this.history.record(entry);
    this.run(entry.forward, entry.selectAfterForward);
  }

  private run(changes: AnnotationChange[], select: string | null): void {
    this.store.apply(changes);
    this.store.select(select);
    this.saves.enqueue(this.store.docId, changes);
  }
}
