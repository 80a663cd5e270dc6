// Sends annotation changes to the host, one call at a time per document and in order, and
// never loses one silently:
// - pending changes are coalesced by record id (the latest change wins) and sent in batches
//   bounded by count and by size;
// - each change carries the revision it was built on; a change the host refuses as stale (409)
//   or invalid (4xx) is dropped from the queue and listed as refused, so later saves go on;
// - when the host cannot be reached or fails (5xx), the batch is kept and retried on its own
//   with backoff until it is saved;
// - a note being typed counts as unsaved from its first keystroke (a "draft").
import type { SaveAck } from '../../../shared/api';
import { MAX_CHANGES_PER_SAVE, type MarginaliaApi, SAVE_BATCH_MAX_BYTES } from '../../../shared/api/contract';
import { ApiCallError } from '../../../shared/api-errors';
import type { AnnotationChange } from '../../../shared/model';

export type SaveState =
  /** Everything the analyst did is fsynced. */
  | { kind: 'saved' }
  /** Something is not on disk yet: typed, queued, in flight, or waiting to retry (`detail` says why). */
  | { kind: 'unsaved'; detail: string | null }
  /** The host answered with an error (e.g. a full disk); the changes are kept and retried. */
  | { kind: 'failed'; message: string };

/** A change the host will not take as it is; kept here for the analyst to fix or copy. */
export interface RefusedChange {
  key: string;
  docId: string;
  change: AnnotationChange;
  message: string;
}

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export function changeId(change: AnnotationChange): string {
  return change.kind === 'put' ? change.annotation.id : change.id;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function asApiError(error: unknown): ApiCallError {
  return error instanceof ApiCallError ? error : new ApiCallError(messageOf(error), 500);
}

/** Consecutive changes from the front of `changes` that fit one call. */
function takeBatch(changes: readonly AnnotationChange[]): AnnotationChange[] {
  const batch: AnnotationChange[] = [];
  let bytes = 0;
  for (const change of changes) {
    const size = JSON.stringify(change).length;
    if (batch.length > 0 && (bytes + size > SAVE_BATCH_MAX_BYTES || batch.length >= MAX_CHANGES_PER_SAVE)) break;
    batch.push(change);
    bytes += size;
  }
  return batch;
}

export interface SaveQueueOptions {
  /** Timers, replaceable in tests (the clock is a boundary). */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class SaveQueue {
  private readonly pending = new Map<string, Map<string, AnnotationChange>>();
  private readonly running = new Map<string, Promise<void>>();
  /** The revision of each record as the host last reported it (null: does not exist). */
  private readonly revs = new Map<string, Map<string, number | null>>();
  private readonly drafts = new Set<string>();
  private refused: RefusedChange[] = [];
  private problem: { kind: 'unreachable' | 'failed'; message: string } | null = null;
  private retryTimer: unknown = null;
  private retryDelay = RETRY_FIRST_MS;
  private state: SaveState = { kind: 'saved' };
  private readonly listeners = new Set<() => void>();
  private readonly ackListeners = new Set<(ack: SaveAck) => void>();
  private readonly refusedListeners = new Set<(docId: string, ids: readonly string[]) => void>();
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly api: Pick<MarginaliaApi, 'saveChanges'>,
    options: SaveQueueOptions = {},
  ) {
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** Called with each acknowledgement (the change is on disk); returns an unsubscribe function. */
  onAck(listener: (ack: SaveAck) => void): () => void {
    this.ackListeners.add(listener);
    return () => this.ackListeners.delete(listener);
  }

  /**
   * Called when the host refused changes (stale or invalid): they will not be sent again, so the
   * document should show the saved state (the refused text stays in the list of refused changes).
   */
  onRefused(listener: (docId: string, ids: readonly string[]) => void): () => void {
    this.refusedListeners.add(listener);
    return () => this.refusedListeners.delete(listener);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SaveState => this.state;

  /** Changes refused by the host, oldest first (same array until it changes). */
  readonly getRefused = (): readonly RefusedChange[] => this.refused;

  dismissRefused(key: string): void {
    this.refused = this.refused.filter((r) => r.key !== key);
    this.update();
  }

  /** True while anything is unsaved: drafts, queued, in flight or waiting to retry. */
  get hasUnsaved(): boolean {
    return this.drafts.size > 0 || this.running.size > 0 || [...this.pending.values()].some((m) => m.size > 0);
  }

  /**
   * Records the host's revisions of a document's records, as just listed by it. Records with
   * changes still queued keep the revision those changes were built on, so they cannot
   * overwrite what another window saved meanwhile.
   */
  seed(docId: string, records: readonly { id: string; rev?: number | undefined }[]): void {
    const previous = this.revs.get(docId);
    const pending = this.pendingIds(docId);
    const next = new Map<string, number | null>(records.map((r) => [r.id, r.rev ?? 0]));
    for (const id of pending) {
      if (previous?.has(id)) next.set(id, previous.get(id) ?? null);
      else next.set(id, null);
    }
    this.revs.set(docId, next);
  }

  /**
   * Takes revisions announced by the change feed (another window saved). Records with changes
   * still queued here keep their base: those changes are then refused as stale, not lost.
   */
  noteSaved(docId: string, put: readonly { id: string; rev?: number | undefined }[], deleted: readonly string[]): void {
    const known = this.revs.get(docId);
    if (!known) return;
    const pending = this.pendingIds(docId);
    for (const record of put) if (!pending.has(record.id)) known.set(record.id, record.rev ?? 0);
    for (const id of deleted) if (!pending.has(id)) known.set(id, null);
  }

  /** Ids with changes not yet acknowledged (they win over what the host lists). */
  pendingIds(docId: string): Set<string> {
    return new Set(this.pending.get(docId)?.keys() ?? []);
  }

  /** Marks typing in progress (unsaved from the first keystroke) or done. */
  setDraft(key: string, active: boolean): void {
    if (active) this.drafts.add(key);
    else this.drafts.delete(key);
    this.update();
  }

  enqueue(docId: string, changes: readonly AnnotationChange[]): void {
    let queue = this.pending.get(docId);
    if (!queue) {
      queue = new Map();
      this.pending.set(docId, queue);
    }
    for (const change of changes) {
      const id = changeId(change);
      queue.delete(id); // keep insertion order = order of the latest change
      queue.set(id, change);
    }
    this.start(docId);
    this.update();
  }

  /** Sends now whatever waits for a retry (e.g. the browser came back online). */
  retryNow(): void {
    if (this.retryTimer !== null) this.clearTimer(this.retryTimer);
    this.retryTimer = null;
    for (const docId of this.pending.keys()) this.start(docId);
  }

  /** Resolves once nothing is in flight for the document (failed changes stay pending). */
  async whenSettled(docId: string): Promise<void> {
    while (this.running.has(docId)) await this.running.get(docId);
  }

  /** Resolves once nothing is in flight for any document. */
  async whenAllSettled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private start(docId: string): void {
    if (this.running.has(docId) || this.retryTimer !== null) return;
    this.running.set(docId, this.drain(docId));
  }

  private baseRev(docId: string, id: string): number | null | undefined {
    const known = this.revs.get(docId);
    if (!known) return undefined; // never listed here: nothing to compare with
    return known.has(id) ? (known.get(id) ?? null) : null;
  }

  private async drain(docId: string): Promise<void> {
    await Promise.resolve(); // let enqueue record this run before it can finish
    const queue = this.pending.get(docId);
    try {
      while (queue && queue.size > 0) {
        const batch = takeBatch([...queue.values()]);
        for (const change of batch) queue.delete(changeId(change));
        if (!(await this.send(docId, batch))) return;
      }
    } finally {
      this.running.delete(docId);
      this.update();
    }
  }

  /** Sends one batch; false when it could not be delivered (it is back in the queue, a retry is due). */
  private async send(docId: string, batch: AnnotationChange[]): Promise<boolean> {
    const sent = batch.map((change) => ({ ...change, baseRev: this.baseRev(docId, changeId(change)) }));
    try {
      this.acknowledge(docId, await this.api.saveChanges(docId, sent));
      return true;
    } catch (caught) {
      const error = asApiError(caught);
      if (error.status === 409) {
        this.refuseStale(docId, batch, error);
        return true;
      }
      if (error.refused && batch.length === 1) {
        this.refuse(docId, batch[0] as AnnotationChange, error.message);
        return true;
      }
      if (error.refused) {
        // Find the change the host will not take: the others must still be saved.
        for (let i = 0; i < batch.length; i++) {
          if (!(await this.send(docId, [batch[i] as AnnotationChange]))) {
            this.putBack(docId, batch.slice(i + 1));
            return false;
          }
        }
        return true;
      }
      this.putBack(docId, batch);
      this.scheduleRetry(error);
      return false;
    }
  }

  private acknowledge(docId: string, ack: SaveAck): void {
    this.problem = null;
    this.retryDelay = RETRY_FIRST_MS;
    let known = this.revs.get(docId);
    if (!known) this.revs.set(docId, (known = new Map()));
    for (const [id, rev] of Object.entries(ack.revs)) known.set(id, rev);
    for (const listener of this.ackListeners) listener(ack);
  }

  /** Stale changes are refused; the rest of the batch goes out again at the front of the queue. */
  private refuseStale(docId: string, batch: AnnotationChange[], error: ApiCallError): void {
    const stale = new Set(error.conflicts);
    for (const change of batch) if (stale.has(changeId(change))) this.refuse(docId, change, error.message, false);
    this.putBack(docId, batch.filter((c) => !stale.has(changeId(c))));
    for (const listener of this.refusedListeners) listener(docId, [...stale]);
  }

  /** Puts changes back at the front of the queue, unless a newer change for the same id arrived meanwhile. */
  private putBack(docId: string, changes: readonly AnnotationChange[]): void {
    if (changes.length === 0) return;
    let queue = this.pending.get(docId);
    if (!queue) this.pending.set(docId, (queue = new Map()));
    const newer = new Map(queue);
    queue.clear();
    for (const change of changes) queue.set(changeId(change), change);
    for (const [id, change] of newer) {
      queue.delete(id);
      queue.set(id, change);
    }
  }

  private refuse(docId: string, change: AnnotationChange, message: string, notify = true): void {
    this.refused = [...this.refused, { key: `${docId}:${changeId(change)}:${this.refused.length}:${Date.now()}`, docId, change, message }];
    if (notify) for (const listener of this.refusedListeners) listener(docId, [changeId(change)]);
  }

  private scheduleRetry(error: ApiCallError): void {
    this.problem = error.status === 0 ? { kind: 'unreachable', message: error.message } : { kind: 'failed', message: error.message };
    if (this.retryTimer !== null) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = this.setTimer(() => {
      this.retryTimer = null;
      for (const docId of this.pending.keys()) this.start(docId);
    }, delay);
  }

  private update(): void {
    const next: SaveState = !this.hasUnsaved
      ? { kind: 'saved' }
      : this.problem?.kind === 'failed'
        ? { kind: 'failed', message: this.problem.message }
        : { kind: 'unsaved', detail: this.problem ? `${this.problem.message} Retrying…` : null };
    const same =
      next.kind === this.state.kind &&
      (next.kind !== 'failed' || (this.state.kind === 'failed' && next.message === this.state.message)) &&
      (next.kind !== 'unsaved' || (this.state.kind === 'unsaved' && next.detail === this.state.detail));
    if (!same) this.state = next;
    // Refusals change without the state changing, so listeners always hear about them.
    for (const listener of this.listeners) listener();
  }
}
