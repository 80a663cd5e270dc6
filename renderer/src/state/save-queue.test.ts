// The SaveQueue against a real host in-process: a MarginaliaCore on a temp dir, reached through
// the web API router, so refusals and failures carry the HTTP status they would carry over the
// wire. The network (a switch that makes calls fail with status 0) and the clock (timers run by
// hand) are the only stand-ins. (The reference to Node's types above lets tsconfig.web.json, which
// includes renderer/**, check this file and the host code it runs.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentContent, SaveAck } from '../../../shared/api';
import { type MarginaliaApi, SAVE_BATCH_MAX_BYTES } from '../../../shared/api/contract';
import { ApiCallError, type ApiErrorBody } from '../../../shared/api-errors';
import type { Annotation, AnnotationChange } from '../../../shared/model';
import { createApiRouter } from '../../../main/web/api-routes';
import { createMarginaliaCore } from '../../../main/services/marginalia-core';
import type { MarginaliaCore } from '../../../main/services/service-types';
import { SAMPLE_CORPUS_DIR, annotate, del, makeTempDir, put } from '../../../main/services/test-support';
import { type SaveQueueOptions, SaveQueue, changeId } from './save-queue';

type SaveApi = Pick<MarginaliaApi, 'saveChanges'>;

/** One host process: a core and the router the browser host puts in front of it. */
interface Host {
  core: MarginaliaCore;
  call: ReturnType<typeof createApiRouter>;
}

let dataDir: string;
let cleanup: () => Promise<void>;
const cores: MarginaliaCore[] = [];

beforeEach(async () => ({ dir: dataDir, cleanup } = await makeTempDir('marginalia-save-queue-')));
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await cleanup();
});

async function startHost(): Promise<Host> {
  const core = await createMarginaliaCore({ dataDir, sampleCorpusDir: SAMPLE_CORPUS_DIR });
  cores.push(core);
  await core.openInitialCorpus();
  await core.whenLoaded();
  return { core, call: createApiRouter(core, () => {}) };
}

async function firstDoc(host: Host): Promise<DocumentContent> {
  const status = await host.core.whenLoaded();
  const summary = status.documents.find((d) => d.fileName === '01-veshnaya-dam-breach.txt');
  if (!summary) throw new Error('sample document not loaded');
  return host.core.getDocument(summary.id);
}

/** What the HTTP client does with the host's reply: the result, or an ApiCallError with the status. */
function overRouter(host: () => Host): SaveApi {
  return {
    async saveChanges(docId, changes) {
      // Serialized as over HTTP (undefined fields, e.g. an unknown baseRev, are left out).
      const reply = await host().call('saveChanges', Buffer.from(JSON.stringify({ args: [docId, changes] })));
      if (reply.status === 200) return (reply.body as { result: SaveAck }).result;
      const body = reply.body as ApiErrorBody;
      throw new ApiCallError(body.error, reply.status, body.conflicts ?? []);
    },
  };
}

/** The network between window and host: off, calls fail as the HTTP client fails when the host cannot be reached. */
class Network implements SaveApi {
  online = true;
  /** Every call made, with its size and how it ended (a status, 200 for success). */
  readonly calls: { ids: string[]; bytes: number; status: number }[] = [];

  constructor(private readonly inner: SaveApi) {}

  async saveChanges(docId: string, changes: Parameters<SaveApi['saveChanges']>[1]): Promise<SaveAck> {
    const entry = { ids: changes.map((c) => (c.kind === 'put' ? c.annotation.id : c.id)), bytes: JSON.stringify(changes).length, status: 0 };
    this.calls.push(entry);
    if (!this.online) throw new ApiCallError('Cannot reach Marginalia. Is the server still running?', 0);
    try {
      const ack = await this.inner.saveChanges(docId, changes);
      entry.status = 200;
      return ack;
    } catch (error) {
      entry.status = error instanceof ApiCallError ? error.status : -1;
      throw error;
    }
  }
}

/** Timers run by hand: what is scheduled, and for how long. */
class ManualClock {
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

function openWindow(host: () => Host, clock = new ManualClock()) {
  const network = new Network(overRouter(host));
  const queue = new SaveQueue(network, clock.options);
  const stale: { docId: string; ids: readonly string[] }[] = [];
  queue.onRefused((docId, ids) => stale.push({ docId, ids })); // stale or invalid: either way the window reloads
  return { network, queue, clock, stale };
}

async function saved(host: Host, docId: string): Promise<Map<string, Annotation>> {
  return new Map((await host.core.listAnnotations(docId)).map((a) => [a.id, a]));
}

function withNote(annotation: Annotation, note: string): AnnotationChange {
  return put({ ...annotation, note });
}

describe('SaveQueue against a real host', () => {
  it('coalesces edits of one record: only the latest goes out', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const w = openWindow(() => host);
    const a = annotate(doc, 'Open Imagery Collective');
    w.queue.seed(doc.id, []);

    // Edits made before the queue gets to run are one call with the latest version.
    for (let i = 1; i <= 10; i++) w.queue.enqueue(doc.id, [withNote(a, `note ${i}`)]);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'unsaved', detail: null });
    await w.queue.whenAllSettled();
    expect(w.network.calls).toEqual([{ ids: [a.id], bytes: expect.any(Number), status: 200 }]);
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'note 10', rev: 1 });

    // Edits made while a call is in flight are one more call, again with the latest only.
    w.queue.enqueue(doc.id, [withNote(a, 'in flight')]);
    await Promise.resolve();
    await Promise.resolve();
    for (let i = 1; i <= 10; i++) w.queue.enqueue(doc.id, [withNote(a, `after ${i}`)]);
    await w.queue.whenAllSettled();
    expect(w.network.calls).toHaveLength(3);
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'after 10', rev: 3 });
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect(w.queue.hasUnsaved).toBe(false);
  });

  it('splits large batches by size: every call stays under the limit and everything is saved', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    // 100,000 characters that JSON-escape to two each: ~200 KB of JSON per change.
    const big = '"\\'.repeat(50_000);
    const quotes = ['Open Imagery Collective', 'Irina Volkova', 'Lena Marsh', 'Veshnaya reservoir dam', 'regional emergency service'];
    const annotations = quotes.map((q) => annotate(doc, q, { note: big }));
    w.queue.enqueue(
      doc.id,
      annotations.map((a) => put(a)),
    );
    await w.queue.whenAllSettled();

    expect(w.network.calls.length).toBeGreaterThanOrEqual(3);
    for (const call of w.network.calls) {
      expect(call.status).toBe(200);
      expect(call.bytes).toBeLessThanOrEqual(SAVE_BATCH_MAX_BYTES + 1_000); // + the baseRev fields
    }
    expect(w.network.calls.flatMap((c) => c.ids)).toEqual(annotations.map((a) => a.id)); // in order, each once
    const stored = await saved(host, doc.id);
    for (const a of annotations) expect(stored.get(a.id)?.note).toBe(big);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
  });

  it('isolates a refused change in a batch: the others are saved, it is listed and not retried', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const ok1 = annotate(doc, 'Open Imagery Collective', { note: 'first' });
    const tooLong = annotate(doc, 'Irina Volkova', { note: 'x'.repeat(100_001) });
    const ok2 = annotate(doc, 'Lena Marsh', { note: 'third' });
    w.queue.enqueue(doc.id, [put(ok1), put(tooLong), put(ok2)]);
    await w.queue.whenAllSettled();

    // The batch was refused whole (400), then each change went alone.
    expect(w.network.calls.map((c) => [c.ids.length, c.status])).toEqual([
      [3, 400],
      [1, 200],
      [1, 400],
      [1, 200],
    ]);
    const stored = await saved(host, doc.id);
    expect([...stored.keys()].sort()).toEqual([ok1.id, ok2.id].sort());
    const refused = w.queue.getRefused();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ docId: doc.id, change: { kind: 'put', annotation: { id: tooLong.id } } });
    expect(refused[0]?.message).toContain('annotation.note: a note can be at most 100,000 characters');
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    // The window is told, so it shows the saved state again (the refused text stays listed).
    expect(w.stale).toEqual([{ docId: doc.id, ids: [tooLong.id] }]);

    // Nothing is retried later, and later saves go out on their own.
    w.clock.fire();
    w.queue.retryNow();
    w.queue.enqueue(doc.id, [withNote(ok1, 'later')]);
    await w.queue.whenAllSettled();
    expect(w.network.calls.slice(4).map((c) => c.ids)).toEqual([[ok1.id]]);
    expect((await saved(host, doc.id)).get(ok1.id)?.note).toBe('later');
    expect(w.clock.delays).toEqual([]);

    w.queue.dismissRefused(refused[0]?.key ?? '');
    expect(w.queue.getRefused()).toEqual([]);
  });

  it('refuses a change built on an older revision (409), lists it and saves the rest of its batch', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const a = annotate(doc, 'Open Imagery Collective');
    const b = annotate(doc, 'Irina Volkova');
    const setup = openWindow(() => host);
    setup.queue.seed(doc.id, []);
    setup.queue.enqueue(doc.id, [put(a), put(b)]);
    await setup.queue.whenAllSettled();

    // Two windows load the document.
    const w1 = openWindow(() => host);
    const w2 = openWindow(() => host);
    const listed = await host.core.listAnnotations(doc.id);
    w1.queue.seed(doc.id, listed);
    w2.queue.seed(doc.id, listed);

    // Window 2 saves first; window 1, built on what it loaded, changes the same record and another.
    w2.queue.enqueue(doc.id, [withNote(a, 'from window 2')]);
    await w2.queue.whenAllSettled();
    w1.queue.enqueue(doc.id, [put({ ...a, type: 'source' }), withNote(b, 'from window 1')]);
    await w1.queue.whenAllSettled();

    expect(w1.network.calls.map((c) => [c.ids, c.status])).toEqual([
      [[a.id, b.id], 409],
      [[b.id], 200],
    ]);
    const refused = w1.queue.getRefused();
    expect(refused).toHaveLength(1);
    expect(refused[0]?.change).toMatchObject({ kind: 'put', annotation: { id: a.id, type: 'source' } });
    expect(refused[0]?.message).toBe(
      'Not saved: “Open Imagery Collective” was changed in another window since this one loaded it. The current version is shown now.',
    );
    expect(w1.stale).toEqual([{ docId: doc.id, ids: [a.id] }]);
    const stored = await saved(host, doc.id);
    expect(stored.get(a.id)).toMatchObject({ type: 'claim', note: 'from window 2', rev: 2 });
    expect(stored.get(b.id)).toMatchObject({ note: 'from window 1', rev: 2 });
    expect(w1.queue.getSnapshot()).toEqual({ kind: 'saved' });

    // A deletion from a stale window is refused too: the record stays as window 2 saved it.
    w1.queue.enqueue(doc.id, [del(a)]);
    await w1.queue.whenAllSettled();
    expect(w1.network.calls.at(-1)?.status).toBe(409);
    expect((await saved(host, doc.id)).get(a.id)?.note).toBe('from window 2');

    // Once the window shows the saved state again (seed), its edits go through.
    w1.queue.seed(doc.id, await host.core.listAnnotations(doc.id));
    w1.queue.enqueue(doc.id, [put({ ...a, note: 'from window 2', type: 'source' })]);
    await w1.queue.whenAllSettled();
    expect(w1.network.calls.at(-1)?.status).toBe(200);
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ type: 'source', rev: 3 });
  });

  it('seed keeps the base revision of records with changes still pending', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const a = annotate(doc, 'Open Imagery Collective');
    const b = annotate(doc, 'Irina Volkova');
    const setup = openWindow(() => host);
    setup.queue.seed(doc.id, []);
    setup.queue.enqueue(doc.id, [put(a), put(b)]);
    await setup.queue.whenAllSettled();

    const w1 = openWindow(() => host);
    const w2 = openWindow(() => host);
    w1.queue.seed(doc.id, await host.core.listAnnotations(doc.id));
    w2.queue.seed(doc.id, await host.core.listAnnotations(doc.id));

    // Window 1 edits `a` while it cannot reach the host: the change waits.
    w1.network.online = false;
    w1.queue.enqueue(doc.id, [withNote(a, 'offline edit')]);
    const fresh = annotate(doc, 'Lena Marsh');
    w1.queue.enqueue(doc.id, [put(fresh)]); // created here, never saved yet
    await w1.queue.whenAllSettled();
    expect(w1.queue.pendingIds(doc.id)).toEqual(new Set([a.id, fresh.id]));

    // Meanwhile window 2 changes both records; window 1 then lists the document again.
    w2.queue.enqueue(doc.id, [withNote(a, 'window 2 wins'), withNote(b, 'window 2 on b')]);
    await w2.queue.whenAllSettled();
    w1.queue.seed(doc.id, await host.core.listAnnotations(doc.id));

    // Back online: the pending edit still carries the revision it was built on, so it is refused,
    // the new record is created, and `b` (not pending when listed) can be edited on the new revision.
    w1.network.online = true;
    w1.queue.enqueue(doc.id, [withNote(b, 'window 1 on b, after listing')]);
    w1.queue.retryNow();
    await w1.queue.whenAllSettled();

    const stored = await saved(host, doc.id);
    expect(stored.get(a.id)?.note).toBe('window 2 wins');
    expect(stored.get(fresh.id)).toMatchObject({ rev: 1 });
    expect(stored.get(b.id)).toMatchObject({ note: 'window 1 on b, after listing', rev: 3 });
    expect(w1.queue.getRefused().map((r) => changeId(r.change))).toEqual([a.id]);
    expect(w1.stale.flatMap((s) => s.ids)).toEqual([a.id]);
    expect(w1.queue.getSnapshot()).toEqual({ kind: 'saved' });
  });

  it('host unreachable: unsaved with the reason and a retry with backoff; reachable again: saved', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const a = annotate(doc, 'Open Imagery Collective', { note: 'typed offline' });

    w.network.online = false;
    w.queue.enqueue(doc.id, [put(a)]);
    await w.queue.whenAllSettled();
    expect(w.queue.getSnapshot()).toEqual({ kind: 'unsaved', detail: 'Cannot reach Marginalia. Is the server still running? Retrying…' });
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.clock.delays).toEqual([1_000]);

    // Still off at each retry: the wait doubles, the change stays.
    for (let i = 0; i < 3; i++) {
      w.clock.fire();
      await w.queue.whenAllSettled();
    }
    expect(w.clock.delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(w.network.calls.map((c) => c.status)).toEqual([0, 0, 0, 0]);
    expect(w.queue.getSnapshot().kind).toBe('unsaved');
    expect((await saved(host, doc.id)).size).toBe(0);

    // Edits made meanwhile join the queue and do not start a call of their own.
    const b = annotate(doc, 'Lena Marsh');
    w.queue.enqueue(doc.id, [put(b)]);
    await w.queue.whenAllSettled();
    expect(w.network.calls).toHaveLength(4);

    // Reachable again: the next retry saves everything, and the backoff starts over.
    w.network.online = true;
    w.clock.fire();
    await w.queue.whenAllSettled();
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect(w.queue.hasUnsaved).toBe(false);
    expect([...(await saved(host, doc.id)).keys()].sort()).toEqual([a.id, b.id].sort());
    expect(w.clock.scheduled.size).toBe(0);

    w.network.online = false;
    w.queue.enqueue(doc.id, [withNote(a, 'second outage')]);
    await w.queue.whenAllSettled();
    expect(w.clock.delays.at(-1)).toBe(1_000);
    // retryNow (the browser's `online` event) does not wait for the timer.
    w.network.online = true;
    w.queue.retryNow();
    await w.queue.whenAllSettled();
    expect(w.clock.scheduled.size).toBe(0);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect((await saved(host, doc.id)).get(a.id)?.note).toBe('second outage');
  });

  it('host failure (5xx): "failed" with the host message, kept and retried until saved', async () => {
    let host = await startHost();
    const doc = await firstDoc(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const a = annotate(doc, 'Open Imagery Collective', { note: 'kept through a failure' });

    // The host is shutting down: it answers, with an error.
    await host.core.close();
    w.queue.enqueue(doc.id, [put(a)]);
    await w.queue.whenAllSettled();
    expect(w.network.calls.map((c) => c.status)).toEqual([500]);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'failed', message: 'Marginalia is closing; the change was not saved.' });
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.queue.getRefused()).toEqual([]);
    expect(w.clock.delays).toEqual([1_000]);

    w.clock.fire();
    await w.queue.whenAllSettled();
    expect(w.network.calls.map((c) => c.status)).toEqual([500, 500]);
    expect(w.queue.getSnapshot().kind).toBe('failed');

    // A new host on the same data dir: the retry saves it.
    host = await startHost();
    w.clock.fire();
    await w.queue.whenAllSettled();
    expect(w.network.calls.map((c) => c.status)).toEqual([500, 500, 200]);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect((await saved(host, doc.id)).get(a.id)?.note).toBe('kept through a failure');
  });

  it('a note being typed keeps the window unsaved until it is handed over and saved', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const a = annotate(doc, 'Open Imagery Collective');
    const b = annotate(doc, 'Lena Marsh');
    const states: string[] = [];
    w.queue.subscribe(() => states.push(w.queue.getSnapshot().kind));

    w.queue.setDraft(`note:${a.id}`, true);
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'unsaved', detail: null });

    // Another change saved meanwhile does not make the window "Saved".
    w.queue.enqueue(doc.id, [put(b)]);
    await w.queue.whenAllSettled();
    expect((await saved(host, doc.id)).has(b.id)).toBe(true);
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.queue.getSnapshot().kind).toBe('unsaved');
    expect(states).not.toContain('saved');

    // The editor hands the note over (enqueue, then the draft ends): unsaved until the host acknowledges.
    w.queue.enqueue(doc.id, [withNote(a, 'typed')]);
    w.queue.setDraft(`note:${a.id}`, false);
    expect(w.queue.getSnapshot().kind).toBe('unsaved');
    await w.queue.whenAllSettled();
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect((await saved(host, doc.id)).get(a.id)?.note).toBe('typed');
  });
});
