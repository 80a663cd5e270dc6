// Annotation-level undo/redo: each entry holds the changes that redo it and the inverse
// changes that undo it (put old / delete new / put restored), per document.
import type { AnnotationChange } from '../../../shared/model';

export interface UndoEntry {
  forward: AnnotationChange[];
  backward: AnnotationChange[];
  /** Annotation to select after redo / after undo (null clears the selection). */
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

  /** The entry to redo; it moves back to the undo stack. */
  takeRedo(): UndoEntry | undefined {
    const entry = this.redoStack.pop();
    if (entry) this.undoStack.push(entry);
    return entry;
  }
}
