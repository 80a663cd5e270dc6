// Undo/redo per document, of this window's own edits only: each entry holds the records that
// redo it and the records that undo it (an earlier version, or the tombstone of a new record).
import type { MarginaliaRecord } from '../../../shared/model/records';

export interface UndoEntry {
  forward: MarginaliaRecord[];
  backward: MarginaliaRecord[];
  /** Span to select after redo / after undo (null clears the selection). */
  selectAfterForward: string | null;
  selectAfterBackward: string | null;
}

const MAX_ENTRIES = 500;

export class UndoHistory {
  private readonly undoStack: UndoEntry[] = [];
  private readonly redoStack: UndoEntry[] = [];

  record(entry: UndoEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > MAX_ENTRIES) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  /** The entry to undo; it moves to the redo stack. */
  takeUndo(): UndoEntry | undefined {
    const entry = this.undoStack.pop();
    if (entry) this.redoStack.push(entry);
    return entry;
  }

  /** Forgets the entry just moved to the redo stack (it can no longer be redone). */
  dropRedo(): void {
    this.redoStack.pop();
  }

  /** Forgets the entry just moved to the undo stack. */
  dropUndo(): void {
    this.undoStack.pop();
  }

  /** The entry to redo; it moves back to the undo stack. */
  takeRedo(): UndoEntry | undefined {
    const entry = this.redoStack.pop();
    if (entry) this.undoStack.push(entry);
    return entry;
  }
}
