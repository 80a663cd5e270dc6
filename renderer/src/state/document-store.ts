// The open document's records: the source of truth the UI renders from. Spans are kept in text
// order for the painter and the lists; reviews and comments beside them. React reads snapshots
// (useSyncExternalStore); the highlight painter listens to span diffs so one change repaints one
// span, never the whole article. Remote and local changes go through the same `apply`.
import type { DocumentContent } from '../../../shared/api';
import type { MarginaliaRecord, SpanRecord } from '../../../shared/model/records';

export interface DocumentSnapshot {
  /** Live spans in text order (compareSpans). */
  readonly sorted: readonly SpanRecord[];
  /** Every live record (spans, reviews, comments). */
  readonly records: readonly MarginaliaRecord[];
  readonly selectedId: string | null;
}

export interface SpanDiff {
  removed: readonly SpanRecord[];
  added: readonly SpanRecord[];
}

type Listener = () => void;

/** Text order: by start, then longer spans first so nesting reads outside-in. */
export function compareSpans(a: SpanRecord, b: SpanRecord): number {
  return a.target.start - b.target.start || b.target.end - a.target.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Index where `span` sits (or would be inserted) in a sorted array. */
function sortedIndex(sorted: readonly SpanRecord[], span: SpanRecord): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareSpans(sorted[mid] as SpanRecord, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class DocumentStore {
  readonly docId: string;
  readonly document: DocumentContent;
  private readonly byId = new Map<string, MarginaliaRecord>();
  private snapshot: DocumentSnapshot;
  private readonly listeners = new Set<Listener>();
  private readonly diffListeners = new Set<(diff: SpanDiff) => void>();
  private readonly selectionListeners = new Set<(selected: SpanRecord | null) => void>();

  constructor(document: DocumentContent, records: readonly MarginaliaRecord[]) {
    this.docId = document.id;
    this.document = document;
    for (const r of records) if (!r.deleted && (r.kind !== 'span' || (r.target.end <= document.text.length && r.target.start < r.target.end))) this.byId.set(r.id, r);
    this.snapshot = { sorted: this.spans().sort(compareSpans), records: [...this.byId.values()], selectedId: null };
  }

  private spans(): SpanRecord[] {
    return [...this.byId.values()].filter((r): r is SpanRecord => r.kind === 'span');
  }

  get text(): string {
    return this.document.text;
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): DocumentSnapshot => this.snapshot;

  onDiff(listener: (diff: SpanDiff) => void): () => void {
    this.diffListeners.add(listener);
    return () => this.diffListeners.delete(listener);
  }

  onSelectionChange(listener: (selected: SpanRecord | null) => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  /** A live record by id. */
  record(id: string): MarginaliaRecord | undefined {
    return this.byId.get(id);
  }

  /** A live span by id. */
  get(id: string): SpanRecord | undefined {
    const found = this.byId.get(id);
    return found?.kind === 'span' ? found : undefined;
  }

  get selected(): SpanRecord | null {
    const id = this.snapshot.selectedId;
    return id === null ? null : (this.get(id) ?? null);
  }

  /** Spans containing the character at `offset`, in text order. */
  containing(offset: number): SpanRecord[] {
    const hits: SpanRecord[] = [];
    for (const a of this.snapshot.sorted) {
      if (a.target.start > offset) break;
      if (offset < a.target.end) hits.push(a);
    }
    return hits;
  }

  /** Spans overlapping [start, end). */
  intersecting(start: number, end: number): SpanRecord[] {
    const hits: SpanRecord[] = [];
    for (const a of this.snapshot.sorted) {
      if (a.target.start >= end) break;
      if (a.target.end > start) hits.push(a);
    }
    return hits;
  }

  /** Puts records as they are now; a tombstone removes its record from view. */
  apply(records: readonly MarginaliaRecord[]): void {
    const sorted = [...this.snapshot.sorted];
    const removed: SpanRecord[] = [];
    const added: SpanRecord[] = [];
    for (const next of records) {
      const old = this.byId.get(next.id);
      if (old?.kind === 'span') {
        sorted.splice(sortedIndex(sorted, old), 1);
        removed.push(old);
      }
      this.byId.delete(next.id);
      if (next.deleted) continue;
      this.byId.set(next.id, next);
      if (next.kind === 'span') {
        sorted.splice(sortedIndex(sorted, next), 0, next);
        added.push(next);
      }
    }
    const selectedId = this.snapshot.selectedId;
    const selectionGone = selectedId !== null && !this.get(selectedId);
    this.snapshot = { sorted, records: [...this.byId.values()], selectedId: selectionGone ? null : selectedId };
    if (removed.length > 0 || added.length > 0) {
      const diff = { removed, added };
      for (const listener of this.diffListeners) listener(diff);
    }
    if (selectedId !== null && (selectionGone || records.some((r) => r.id === selectedId))) this.emitSelection();
    this.emit();
  }

  /**
   * Brings the records in line with `saved` (as the host lists them), except `keep`: ids with
   * local changes not yet saved, which stay as they are here.
   */
  reconcile(saved: readonly MarginaliaRecord[], keep: ReadonlySet<string>): void {
    const changes: MarginaliaRecord[] = [];
    const savedIds = new Set<string>();
    for (const record of saved) {
      savedIds.add(record.id);
      if (keep.has(record.id)) continue;
      const local = this.byId.get(record.id);
      if (!local || JSON.stringify(local) !== JSON.stringify(record)) changes.push(record);
    }
    for (const local of this.byId.values()) if (!savedIds.has(local.id) && !keep.has(local.id)) changes.push({ ...local, deleted: true });
    if (changes.length > 0) this.apply(changes);
  }

  select(id: string | null): void {
    const next = id !== null && this.get(id) ? id : null;
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
