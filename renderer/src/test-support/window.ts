// A renderer "window" for the state unit tests, over a transport the test provides (in the
// tests: the web API router in front of a real in-process core). What is simulated is only what
// lies outside the renderer: the network (calls can be cut or held in flight), the clock (timers
// run by hand) and the delivery of the change feed (events wait in an inbox until delivered).
// The glue between the state classes mirrors renderer/src/app/useOpenDocument.ts: keep the two
// in step. No Node and no main/ here (tsconfig.web.json and the renderer's lint rules apply).
import type { MarginaliaApi } from '../../../shared/api/contract';
import type { ChangesEvent, MarginaliaEvent } from '../../../shared/api/events';
import type { ApiReplyBody } from '../../../shared/api-errors';
import type { MarginaliaRecord } from '../../../shared/model/records';
import { type Transport, createApiClient } from '../api/client';
import { AnnotationCommands } from '../state/annotation-commands';
import { DocumentStore } from '../state/document-store';
import { SaveQueue, type SaveQueueOptions } from '../state/save-queue';
import { UndoHistory } from '../state/undo';

export const UNREACHABLE = 'Cannot reach Marginalia. Is the server still running?';

/** One call as it went over the network: how it ended (an HTTP status, 200 for success, 0 unreachable). */
export interface NetworkCall {
  method: string;
  /** saveRecords: the ids sent, in order, and the revision each was sent as. */
  ids: string[];
  revs: number[];
  bytes: number;
  status: number;
}

/** The network between a window and the host: it can be cut, and calls can be held in flight. */
export class Network {
  online = true;
  readonly calls: NetworkCall[] = [];
  private holding = false;
  private readonly held: ((deliver: boolean) => void)[] = [];

  constructor(private readonly inner: Transport) {}

  /** From now on, calls wait in flight until released. */
  hold(): void {
    this.holding = true;
  }

  /** Calls waiting in flight. */
  get inFlight(): number {
    return this.held.length;
  }

  /** Lets the held calls go on to the host (`deliver`) or fail as if the host could not be reached. */
  release(deliver: boolean): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go(deliver);
  }

  /** Saves only: every saveRecords call made. */
  get saves(): NetworkCall[] {
    return this.calls.filter((c) => c.method === 'saveRecords');
  }

  readonly transport: Transport = async (method, args) => {
    const records = method === 'saveRecords' ? (args[1] as MarginaliaRecord[]) : [];
    const call: NetworkCall = { method, ids: records.map((r) => r.id), revs: records.map((r) => r.rev), bytes: JSON.stringify(records).length, status: 0 };
    this.calls.push(call);
    if (this.holding) {
      const deliver = await new Promise<boolean>((go) => this.held.push(go));
      if (!deliver) throw new Error('connection reset');
    }
    if (!this.online) throw new Error('offline'); // the client turns it into status 0
    const reply: ApiReplyBody = await this.inner(method, args);
    call.status = 'error' in reply ? (reply.status ?? 500) : 200;
    return reply;
  };
}

/** Timers run by hand: what is scheduled, and for how long. */
export class ManualClock {
  private next = 1;
  readonly scheduled = new Map<number, { run: () => void; ms: number }>();
  readonly delays: number[] = [];
  readonly options: SaveQueueOptions = {
    setTimer: (run, ms) => {
      const id = this.next++;
      this.scheduled.set(id, { run, ms });
      this.delays.push(ms);
      return id;
    },
    clearTimer: (id) => void this.scheduled.delete(id as number),
  };

  /** Runs every timer due now (all of them: time jumps ahead). */
  fire(): void {
    const due = [...this.scheduled.values()];
    this.scheduled.clear();
    for (const timer of due) timer.run();
  }
}

/**
 * One window: its network, clock, save queue, and (once a document is open) the document's
 * store, undo history and commands, wired as useOpenDocument wires them.
 */
export class TestWindow {
  readonly network: Network;
  readonly clock = new ManualClock();
  readonly api: MarginaliaApi;
  readonly queue: SaveQueue;
  /** What onRefused reported: the window then shows the saved state (see showSaved). */
  readonly refusals: { docId: string; ids: readonly string[] }[] = [];
  /** Change-feed events that reached this window and wait to be handled (see receive). */
  readonly inbox: ChangesEvent[] = [];
  private opened: { store: DocumentStore; commands: AnnotationCommands; history: UndoHistory } | null = null;

  constructor(
    readonly clientId: string,
    transport: (clientId: string) => Transport,
  ) {
    this.network = new Network(transport(clientId));
    this.api = createApiClient(this.network.transport);
    this.queue = new SaveQueue(this.api, this.clock.options);
    this.queue.onRefused((docId, ids) => this.refusals.push({ docId, ids }));
  }

  get store(): DocumentStore {
    if (!this.opened) throw new Error('no document is open in this window');
    return this.opened.store;
  }

  get commands(): AnnotationCommands {
    if (!this.opened) throw new Error('no document is open in this window');
    return this.opened.commands;
  }

  /** Opens a document: waits for its saves, lists it, seeds the queue, builds the store. */
  async open(docId: string): Promise<DocumentStore> {
    await this.queue.whenSettled(docId);
    const [document, records] = await Promise.all([this.api.getDocument(docId), this.api.listRecords(docId)]);
    const history = this.opened?.store.docId === docId ? this.opened.history : new UndoHistory();
    this.queue.seed(docId, records);
    const store = new DocumentStore(document, records);
    this.opened = { store, history, commands: new AnnotationCommands(store, this.queue, history) };
    return store;
  }

  /** The host's event feed: what reaches this window waits in the inbox. */
  readonly hear = (event: MarginaliaEvent): void => {
    if (event.type === 'changes') this.inbox.push(event);
  };

  /** Handles the change-feed events received so far, as useOpenDocument does. */
  receive(): void {
    for (const event of this.inbox.splice(0)) {
      const store = this.opened?.store;
      if (!store || event.docId !== store.docId) continue;
      if (event.origin.kind === 'window' && event.origin.clientId === this.clientId) continue;
      const pending = this.queue.pendingIds(store.docId);
      this.queue.noteSaved(store.docId, event.records);
      const changes = event.records.filter((r) => !pending.has(r.id));
      if (changes.length > 0) store.apply(changes);
    }
  }

  /** What the window does after a refusal (onRefused in useOpenDocument): show the saved state, keeping edits on their way. */
  async showSaved(): Promise<void> {
    const store = this.store;
    await this.queue.whenSettled(store.docId);
    const saved = await this.api.listRecords(store.docId);
    this.queue.seed(store.docId, saved);
    store.reconcile(saved, this.queue.pendingIds(store.docId));
  }

  /** Waits until nothing is in flight. */
  settle(): Promise<void> {
    return this.queue.whenAllSettled();
  }
}
