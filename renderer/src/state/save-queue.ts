// Sends the analyst's records to the host, one call at a time per document and in order, and
// never loses one silently:
// - pending records are coalesced by id (the latest version wins) and sent in batches bounded by
//   count and by size;
// - each is sent as the next revision of the one this window last knew; one the host refuses as
//   stale (409) or invalid (4xx) is dropped from the queue and listed as refused, so later saves
//   go on;
// - when the host cannot be reached or fails (5xx), the batch is kept and retried on its own
//   with backoff until it is saved;
// - a note being typed counts as unsaved from its first keystroke (a "draft");
// - when the host refuses this page's token (403: the browser host was restarted, and this page
//   carries the token of its earlier start), the changes are kept, not retried: nothing sent
//   with that token can succeed. With a keeper (sessionStorage, keyed by data dir), everything
//   unsaved is also kept there with the revision it was built on, so the page opened again at
//   the new address sends it as the next revisions (stale ones are refused and listed).
import type { SaveAck } from '../../../shared/api';
import { MAX_CHANGES_PER_SAVE, type MarginaliaApi, SAVE_BATCH_MAX_BYTES } from '../../../shared/api/contract';
import { ApiCallError } from '../../../shared/api-errors';
import type { MarginaliaRecord } from '../../../shared/model/records';

export type SaveState =
  /** Everything the analyst did is fsynced. */
  | { kind: 'saved' }
  /** Something is not on disk yet: typed, queued, in flight, or waiting to retry (`detail` says why). */
  | { kind: 'unsaved'; detail: string | null }
  /** The host answered with an error (e.g. a full disk); the changes are kept and retried. */
  | { kind: 'failed'; message: string }
  /** The host refuses this page (it was restarted: a new token); the changes are kept, not retried. */
  | { kind: 'forbidden'; message: string };

/** An unsaved change as kept across page loads: the record and the revision it was built on. */
export interface KeptChange {
  record: MarginaliaRecord;
  base: number;
}
/** Unsaved changes by document id. */
export type KeptChanges = Record<string, KeptChange[]>;

/** Where unsaved changes are kept outside the page's memory (sessionStorage in the app). */
export interface ChangeKeeper {
  read(): KeptChanges | null;
  write(kept: KeptChanges): void;
  clear(): void;
}

/** A change the host will not take as it is; kept here for the analyst to fix or copy. */
export interface RefusedChange {
  key: string;
  docId: string;
  change: MarginaliaRecord;
  message: string;
}

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** Revisions only move forward: a late ack or an older listing never takes one back. */
function raise(known: Map<string, number>, id: string, rev: number): void {
  if ((known.get(id) ?? 0) < rev) known.set(id, rev);
}

export function changeId(record: MarginaliaRecord): string {
  return record.id;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function asApiError(error: unknown): ApiCallError {
  return error instanceof ApiCallError ? error : new ApiCallError(messageOf(error), 500);
}

/** Consecutive changes from the front of `changes` that fit one call. */
function takeBatch(changes: readonly MarginaliaRecord[]): MarginaliaRecord[] {
  const batch: MarginaliaRecord[] = [];
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
  private readonly pending = new Map<string, Map<string, MarginaliaRecord>>();
  /** Ids of the batch being sent per document: still pending until acknowledged or refused. */
  private readonly inFlight = new Map<string, ReadonlySet<string>>();
  private readonly running = new Map<string, Promise<void>>();
  /** The revision of each record as the host last reported it (tombstones included). */
  private readonly revs = new Map<string, Map<string, number>>();
  private readonly drafts = new Set<string>();
  private refused: RefusedChange[] = [];
  private problem: { kind: 'unreachable' | 'failed' | 'forbidden'; message: string } | null = null;
  /** The records of the batch in flight per document (kept until acknowledged or refused). */
  private readonly inFlightRecords = new Map<string, readonly MarginaliaRecord[]>();
  private keeper: ChangeKeeper | null = null;
  private retryTimer: unknown = null;
  private retryDelay = RETRY_FIRST_MS;
  private state: SaveState = { kind: 'saved' };
  private readonly listeners = new Set<() => void>();
  private readonly ackListeners = new Set<(ack: SaveAck) => void>();
  private readonly refusedListeners = new Set<(docId: string, ids: readonly string[]) => void>();
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly api: Pick<MarginaliaApi, 'saveRecords'>,
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
  seed(docId: string, records: readonly { id: string; rev: number }[]): void {
    const previous = this.revs.get(docId);
    const pending = this.pendingIds(docId);
    const next = new Map<string, number>();
    for (const r of records) raise(next, r.id, Math.max(r.rev, pending.has(r.id) ? 0 : (previous?.get(r.id) ?? 0)));
    for (const id of pending) {
      const known = previous?.get(id);
      if (known === undefined) next.delete(id);
      else next.set(id, known);
    }
    // Tombstones this window made are not listed; their revisions still count for an undo.
    for (const [id, rev] of previous ?? []) if (!next.has(id) && !pending.has(id)) next.set(id, rev);
    this.revs.set(docId, next);
  }

  /**
   * Takes revisions announced by the change feed (another window saved). Records with changes
   * still queued here keep their base: those changes are then refused as stale, not lost.
   */
  noteSaved(docId: string, records: readonly { id: string; rev: number }[]): void {
    const known = this.revs.get(docId);
    if (!known) return;
    const pending = this.pendingIds(docId);
    for (const record of records) if (!pending.has(record.id)) raise(known, record.id, record.rev);
  }

  /** Ids with changes not yet acknowledged, queued or in flight (they win over what the host lists). */
  pendingIds(docId: string): Set<string> {
    return new Set([...(this.pending.get(docId)?.keys() ?? []), ...(this.inFlight.get(docId) ?? [])]);
  }

  /** Marks typing in progress (unsaved from the first keystroke) or done. */
  setDraft(key: string, active: boolean): void {
    if (active) this.drafts.add(key);
    else this.drafts.delete(key);
    this.update();
  }

  enqueue(docId: string, changes: readonly MarginaliaRecord[]): void {
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

  /** The revision to send: the next after the one this window knows (1 for a new record). */
  private nextRev(docId: string, id: string): number {
    return (this.revs.get(docId)?.get(id) ?? 0) + 1;
  }

  private async drain(docId: string): Promise<void> {
    await Promise.resolve(); // let enqueue record this run before it can finish
    const queue = this.pending.get(docId);
    try {
      while (queue && queue.size > 0) {
        const batch = takeBatch([...queue.values()]);
        for (const change of batch) queue.delete(changeId(change));
        this.inFlight.set(docId, new Set(batch.map(changeId)));
        this.inFlightRecords.set(docId, batch);
        const sent = await this.send(docId, batch);
        this.inFlight.delete(docId);
        this.inFlightRecords.delete(docId);
        if (!sent) return;
      }
    } finally {
      this.inFlight.delete(docId);
      this.inFlightRecords.delete(docId);
      this.running.delete(docId);
      this.update();
    }
  }

  /** Sends one batch; false when it could not be delivered (it is back in the queue, a retry is due). */
  private async send(docId: string, batch: MarginaliaRecord[]): Promise<boolean> {
    const sent = batch.map((record) => ({ ...record, rev: this.nextRev(docId, record.id) }));
    try {
      this.acknowledge(docId, await this.api.saveRecords(docId, sent));
      return true;
    } catch (caught) {
      const error = asApiError(caught);
      if (error.status === 409) {
        this.refuseStale(docId, batch, error);
        return true;
      }
      if (error.status === 403) {
        // The token of an earlier start: keep everything, and wait for the page to be opened at
        // the host's new address (a retry with this token cannot succeed).
        this.putBack(docId, batch);
        this.problem = { kind: 'forbidden', message: error.message };
        return false;
      }
      if (error.refused && batch.length === 1) {
        this.refuse(docId, batch[0] as MarginaliaRecord, error.message);
        return true;
      }
      if (error.refused) {
        // Find the change the host will not take: the others must still be saved.
        for (let i = 0; i < batch.length; i++) {
          if (!(await this.send(docId, [batch[i] as MarginaliaRecord]))) {
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
    for (const [id, rev] of Object.entries(ack.revs)) raise(known, id, rev);
    const flying = this.inFlightRecords.get(docId);
    if (flying) this.inFlightRecords.set(docId, flying.filter((r) => !Object.hasOwn(ack.revs, changeId(r))));
    this.persist();
    for (const listener of this.ackListeners) listener(ack);
  }

  /** Stale changes are refused; the rest of the batch goes out again at the front of the queue. */
  private refuseStale(docId: string, batch: MarginaliaRecord[], error: ApiCallError): void {
    // Without names of the stale records, none of the batch can be trusted to be current.
    const stale = new Set(error.conflicts.length > 0 ? error.conflicts : batch.map(changeId));
    for (const change of batch) if (stale.has(changeId(change))) this.refuse(docId, change, error.message, false);
    this.putBack(docId, batch.filter((c) => !stale.has(changeId(c))));
    for (const listener of this.refusedListeners) listener(docId, [...stale]);
  }

  /** Puts changes back at the front of the queue, unless a newer change for the same id arrived meanwhile. */
  private putBack(docId: string, changes: readonly MarginaliaRecord[]): void {
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

  private refuse(docId: string, change: MarginaliaRecord, message: string, notify = true): void {
    this.refused = [...this.refused, { key: `${docId}:${changeId(change)}:${this.refused.length}:${Date.now()}`, docId, change, message }];
    const flying = this.inFlightRecords.get(docId);
    if (flying) this.inFlightRecords.set(docId, flying.filter((r) => changeId(r) !== changeId(change)));
    this.persist();
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

  /**
   * Every change not yet acknowledged (queued, in flight or waiting), with the revision it is
   * built on: what the keeper holds, and what "Download unsaved changes" writes.
   */
  unsavedChanges(): KeptChanges {
    const kept: KeptChanges = {};
    const docIds = new Set([...this.pending.keys(), ...this.inFlightRecords.keys()]);
    for (const docId of docIds) {
      const byId = new Map<string, MarginaliaRecord>();
      for (const r of this.inFlightRecords.get(docId) ?? []) byId.set(changeId(r), r);
      for (const [id, r] of this.pending.get(docId) ?? []) byId.set(id, r); // a newer change of the same record wins
      if (byId.size === 0) continue;
      const known = this.revs.get(docId);
      kept[docId] = [...byId.values()].map((record) => ({ record, base: known?.get(changeId(record)) ?? 0 }));
    }
    return kept;
  }

  /**
   * From now on, keeps every unsaved change in `keeper` too; first takes back what it holds (changes
   * a page of this tab could not save, e.g. before the host was restarted) and sends them, each as
   * the next revision of the one it was built on. Returns the documents that had kept changes, and
   * how many changes.
   */
  keepIn(keeper: ChangeKeeper): { documents: string[]; changes: number } {
    const kept = keeper.read() ?? {};
    this.keeper = keeper;
    const restored: string[] = [];
    let count = 0;
    for (const [docId, changes] of Object.entries(kept)) {
      const pending = this.pendingIds(docId);
      const fresh = changes.filter((c) => !pending.has(changeId(c.record)));
      if (fresh.length === 0) continue;
      let known = this.revs.get(docId);
      if (!known) this.revs.set(docId, (known = new Map()));
      for (const { record, base } of fresh) known.set(changeId(record), base);
      restored.push(docId);
      count += fresh.length;
      this.enqueue(docId, fresh.map((c) => c.record));
    }
    this.persist();
    return { documents: restored, changes: count };
  }

  private persist(): void {
    if (!this.keeper) return;
    const kept = this.unsavedChanges();
    try {
      if (Object.keys(kept).length === 0) this.keeper.clear();
      else this.keeper.write(kept);
    } catch {
      // storage full or unavailable: the changes are still kept in memory
    }
  }

  private update(): void {
    this.persist();
    const next: SaveState = !this.hasUnsaved
      ? { kind: 'saved' }
      : this.problem?.kind === 'forbidden'
        ? { kind: 'forbidden', message: this.problem.message }
        : this.problem?.kind === 'failed'
        ? { kind: 'failed', message: this.problem.message }
        : { kind: 'unsaved', detail: this.problem ? `${this.problem.message} Retrying…` : null };
    const same =
      next.kind === this.state.kind &&
      (next.kind !== 'failed' || (this.state.kind === 'failed' && next.message === this.state.message)) &&
      (next.kind !== 'forbidden' || (this.state.kind === 'forbidden' && next.message === this.state.message)) &&
      (next.kind !== 'unsaved' || (this.state.kind === 'unsaved' && next.detail === this.state.detail));
    if (!same) this.state = next;
    // Refusals change without the state changing, so listeners always hear about them.
    for (const listener of this.listeners) listener();
  }
}
