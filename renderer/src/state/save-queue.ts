// Sends annotation changes to the host, one call at a time per document and in order.
// Pending changes are coalesced by annotation id (a put or delete replaces the previous
// change for that id), so a failed save is retried with the next change.
import type { MarginaliaApi, SaveAck } from '../../../shared/api';
import type { AnnotationChange } from '../../../shared/model';

export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

const MAX_CHANGES_PER_CALL = 1000;

function changeId(change: AnnotationChange): string {
  return change.kind === 'put' ? change.annotation.id : change.id;
}

export class SaveQueue {
  private readonly pending = new Map<string, Map<string, AnnotationChange>>();
  private readonly running = new Map<string, Promise<void>>();
  /** Last failure message per document whose changes are still unsaved. */
  private readonly failures = new Map<string, string>();
  private state: SaveState = { kind: 'saved' };
  private readonly listeners = new Set<() => void>();

  private readonly ackListeners = new Set<(ack: SaveAck) => void>();

  constructor(private readonly api: MarginaliaApi) {}

  /** Called with each acknowledgement (the change is on disk); returns an unsubscribe function. */
  onAck(listener: (ack: SaveAck) => void): () => void {
    this.ackListeners.add(listener);
    return () => {
      this.ackListeners.delete(listener);
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SaveState => this.state;

  /** True while changes are unsaved or in flight (the page warns before closing). */
  get hasUnsaved(): boolean {
    return this.running.size > 0 || [...this.pending.values()].some((m) => m.size > 0);
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
    if (!this.running.has(docId)) this.running.set(docId, this.drain(docId));
    this.update();
  }

  /** Resolves once nothing is in flight for the document (failed changes stay pending). */
  async whenSettled(docId: string): Promise<void> {
    while (this.running.has(docId)) await this.running.get(docId);
  }

  /** Resolves once nothing is in flight for any document. */
  async whenAllSettled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async drain(docId: string): Promise<void> {
    this.failures.delete(docId);
    await Promise.resolve(); // let enqueue record this run before it can finish
    const queue = this.pending.get(docId);
    try {
      while (queue && queue.size > 0) {
        const batch = [...queue.values()].slice(0, MAX_CHANGES_PER_CALL);
        for (const change of batch) queue.delete(changeId(change));
        try {
          const ack = await this.api.saveChanges(docId, batch);
          for (const listener of this.ackListeners) listener(ack);
        } catch (error) {
          // Put back what was not superseded meanwhile; it goes out with the next change.
          const newer = new Map(queue);
          queue.clear();
          for (const change of batch) queue.set(changeId(change), change);
          for (const [id, change] of newer) {
            queue.delete(id);
            queue.set(id, change);
          }
          this.failures.set(docId, error instanceof Error ? error.message : String(error));
          return;
        }
      }
    } finally {
      this.running.delete(docId);
      this.update();
    }
  }

  private update(): void {
    const failure = [...this.failures.values()].at(-1);
    const next: SaveState =
      failure !== undefined
        ? { kind: 'failed', message: failure }
        : this.running.size > 0
          ? { kind: 'saving' }
          : { kind: 'saved' };
    if (next.kind === this.state.kind && (next.kind !== 'failed' || (this.state.kind === 'failed' && next.message === this.state.message))) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
