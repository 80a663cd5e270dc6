// The open document's stand-off annotations: the source of truth the UI renders from.
// React reads snapshots (useSyncExternalStore); the highlight painter listens to diffs so
// one change repaints one span, never the whole article.
import type { DocumentContent } from '../../../shared/api';
import { type Annotation, type AnnotationChange, compareAnnotations } from '../../../shared/model';

export interface AnnotationsSnapshot {
  /** Text order (compareAnnotations). */
  readonly sorted: readonly Annotation[];
  readonly selectedId: string | null;
}

export interface AnnotationDiff {
  removed: readonly Annotation[];
  added: readonly Annotation[];
}

type Listener = () => void;

/** Index where `annotation` sits (or would be inserted) in a sorted array. */
function sortedIndex(sorted: readonly Annotation[], annotation: Annotation): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareAnnotations(sorted[mid] as Annotation, annotation) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class DocumentStore {
  readonly docId: string;
  readonly document: DocumentContent;
  private readonly byId = new Map<string, Annotation>();
  private snapshot: AnnotationsSnapshot;
  private readonly listeners = new Set<Listener>();
  private readonly diffListeners = new Set<(diff: AnnotationDiff) => void>();
  private readonly selectionListeners = new Set<(selected: Annotation | null) => void>();

  constructor(document: DocumentContent, annotations: readonly Annotation[]) {
    this.docId = document.id;
    this.document = document;
    const valid = annotations.filter((a) => a.end <= document.text.length && a.start < a.end);
    for (const a of valid) this.byId.set(a.id, a);
    this.snapshot = { sorted: [...this.byId.values()].sort(compareAnnotations), selectedId: null };
  }

  get text(): string {
    return this.document.text;
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): AnnotationsSnapshot => this.snapshot;

  onDiff(listener: (diff: AnnotationDiff) => void): () => void {
    this.diffListeners.add(listener);
    return () => this.diffListeners.delete(listener);
  }

  onSelectionChange(listener: (selected: Annotation | null) => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  get(id: string): Annotation | undefined {
    return this.byId.get(id);
  }

  get selected(): Annotation | null {
    const id = this.snapshot.selectedId;
    return id === null ? null : (this.byId.get(id) ?? null);
  }

  /** Annotations whose span contains the character at `offset`, in text order. */
  containing(offset: number): Annotation[] {
    const hits: Annotation[] = [];
    for (const a of this.snapshot.sorted) {
      if (a.start > offset) break;
      if (offset < a.end) hits.push(a);
    }
    return hits;
  }

  /** Annotations overlapping [start, end). */
  intersecting(start: number, end: number): Annotation[] {
    const hits: Annotation[] = [];
    for (const a of this.snapshot.sorted) {
      if (a.start >= end) break;
      if (a.end > start) hits.push(a);
    }
    return hits;
  }

  apply(changes: readonly AnnotationChange[]): void {
    const sorted = [...this.snapshot.sorted];
    const removed: Annotation[] = [];
    const added: Annotation[] = [];
    for (const change of changes) {
      const id = change.kind === 'put' ? change.annotation.id : change.id;
      const old = this.byId.get(id);
      if (old) {
        sorted.splice(sortedIndex(sorted, old), 1);
        this.byId.delete(id);
        removed.push(old);
      }
      if (change.kind === 'put') {
        const next = change.annotation;
        sorted.splice(sortedIndex(sorted, next), 0, next);
        this.byId.set(id, next);
        added.push(next);
      }
    }
    const selectedId = this.snapshot.selectedId;
    const selectionGone = selectedId !== null && !this.byId.has(selectedId);
    this.snapshot = { sorted, selectedId: selectionGone ? null : selectedId };
    const diff = { removed, added };
    for (const listener of this.diffListeners) listener(diff);
    if (selectedId !== null && (selectionGone || added.some((a) => a.id === selectedId))) this.emitSelection();
    this.emit();
  }

  /**
   * Brings the annotations in line with `saved` (as the host lists them), except `keep`: ids
   * with local changes not yet saved, which stay as they are here.
   */
  reconcile(saved: readonly Annotation[], keep: ReadonlySet<string>): void {
    const changes: AnnotationChange[] = [];
    const savedIds = new Set<string>();
    for (const annotation of saved) {
      savedIds.add(annotation.id);
      if (keep.has(annotation.id)) continue;
      const local = this.byId.get(annotation.id);
      if (!local || JSON.stringify(local) !== JSON.stringify(annotation)) changes.push({ kind: 'put', annotation });
    }
    for (const id of this.byId.keys()) if (!savedIds.has(id) && !keep.has(id)) changes.push({ kind: 'delete', docId: this.docId, id });
    if (changes.length > 0) this.apply(changes);
  }

  select(id: string | null): void {
    const next = id !== null && this.byId.has(id) ? id : null;
    if (next === this.snapshot.selectedId) return;
    this.snapshot = { ...this.snapshot, selectedId: next };
    this.emitSelection();
    this.emit();
  }

  private emitSelection(): void {
    const selected = this.selected;
    for (const listener of this.selectionListeners) listener(selected);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
