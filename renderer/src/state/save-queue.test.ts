// The SaveQueue against a real host in-process: a MarginaliaCore on a temp dir, reached through
// the web API router and the renderer's own API client, so refusals and failures carry the HTTP
// status they would carry over the wire. The network (cut, or calls held in flight) and the clock
// (timers run by hand) are the only stand-ins (renderer/src/test-support/window.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentContent } from '../../../shared/api';
import { SAVE_BATCH_MAX_BYTES } from '../../../shared/api/contract';
import type { ChangesEvent } from '../../../shared/api/events';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { createApiRouter } from '../../../main/web/api-routes';
import { createMarginaliaCore } from '../../../main/services/marginalia-core';
import type { MarginaliaCore } from '../../../main/services/service-types';
import { BEN, SAMPLE_CORPUS_DIR, makeTempDir, spanRecord } from '../../../main/services/test-support';
import type { Transport } from '../api/client';
import { TestWindow, UNREACHABLE } from '../test-support/window';
import { changeId } from './save-queue';

/** One host process: a core and the router the browser host puts in front of it. */
interface Host {
  core: MarginaliaCore;
  call: ReturnType<typeof createApiRouter>;
}

let dataDir: string;
let cleanup: () => Promise<void>;
const cores: MarginaliaCore[] = [];
let windows = 0;

beforeEach(async () => ({ dir: dataDir, cleanup } = await makeTempDir('marginalia-save-queue-')));
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await cleanup();
});

/** A host on the test's data dir, whose analyst (who saves) is Ana. */
async function startHost(): Promise<Host> {
  const core = await createMarginaliaCore({ dataDir, sampleCorpusDir: SAMPLE_CORPUS_DIR });
  cores.push(core);
  await core.updateSettings({ analystName: 'Ana' });
  await core.openInitialCorpus();
  await core.whenLoaded();
  return { core, call: createApiRouter(core, () => {}) };
}

async function analystOf(host: Host): Promise<Creator> {
  const { analyst } = await host.core.getSession();
  if (!analyst) throw new Error('the host has no analyst');
  return analyst;
}

async function firstDoc(host: Host): Promise<DocumentContent> {
  const status = await host.core.whenLoaded();
  const summary = status.documents.find((d) => d.fileName === '01-veshnaya-dam-breach.txt');
  if (!summary) throw new Error('sample document not loaded');
  return host.core.getDocument(summary.id);
}

/** The calls of one window, as the browser host's HTTP endpoint answers them (serialized as JSON on the way). */
function overRouter(host: () => Host): (clientId: string) => Transport {
  return (clientId) => async (method, args) => (await host().call(method, Buffer.from(JSON.stringify({ args })), clientId)).body;
}

function openWindow(host: () => Host): TestWindow {
  return new TestWindow(`window-${++windows}`, overRouter(host));
}

async function saved(host: Host, docId: string): Promise<Map<string, MarginaliaRecord>> {
  return new Map((await host.core.listRecords(docId)).map((r) => [r.id, r]));
}

function withNote(span: SpanRecord, note: string): SpanRecord {
  return { ...span, note };
}

/** Lets queued microtasks run until `condition` holds (no timers). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await Promise.resolve();
  expect(condition()).toBe(true);
}

/** A document, Ana as the analyst, and spans `a` and `b` saved by a first window. */
async function withTwoSavedSpans() {
  const host = await startHost();
  const doc = await firstDoc(host);
  const me = await analystOf(host);
  const a = spanRecord(doc, 'Open Imagery Collective', { creator: me });
  const b = spanRecord(doc, 'Irina Volkova', { creator: me });
  const setup = openWindow(() => host);
  setup.queue.seed(doc.id, []);
  setup.queue.enqueue(doc.id, [a, b]);
  await setup.settle();
  expect([...(await saved(host, doc.id)).keys()].sort()).toEqual([a.id, b.id].sort());
  return { host, doc, me, a, b };
}

describe('SaveQueue against a real host', () => {
  it('coalesces edits of one record: only the latest goes out, as the next revision', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const me = await analystOf(host);
    const w = openWindow(() => host);
    const a = spanRecord(doc, 'Open Imagery Collective', { creator: me });
    w.queue.seed(doc.id, []);

    // Edits made before the queue gets to run are one call with the latest version.
    for (let i = 1; i <= 10; i++) w.queue.enqueue(doc.id, [withNote(a, `note ${i}`)]);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'unsaved', detail: null });
    expect(w.queue.pendingIds(doc.id)).toEqual(new Set([a.id]));
    await w.settle();
    expect(w.network.saves).toEqual([{ method: 'saveRecords', ids: [a.id], revs: [1], bytes: expect.any(Number), status: 200 }]);
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'note 10', rev: 1 });

    // Edits made while a call is in flight are one more call, again with the latest only.
    w.network.hold();
    w.queue.enqueue(doc.id, [withNote(a, 'in flight')]);
    await until(() => w.network.inFlight === 1);
    for (let i = 1; i <= 10; i++) w.queue.enqueue(doc.id, [withNote(a, `after ${i}`)]);
    w.network.release(true);
    await w.settle();
    // Each call is built on the revision the previous one was given (the record's rev is ignored).
    expect(w.network.saves.map((c) => [c.ids, c.revs, c.status])).toEqual([
      [[a.id], [1], 200],
      [[a.id], [2], 200],
      [[a.id], [3], 200],
    ]);
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'after 10', rev: 3 });
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect(w.queue.hasUnsaved).toBe(false);
    expect(w.queue.pendingIds(doc.id)).toEqual(new Set());
  });

  it('splits large batches by size: every call stays under the limit and everything is saved, in order', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const me = await analystOf(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    // 100,000 characters (the longest note) that JSON-escape to two each: ~200 KB of JSON per record.
    const big = '"\\'.repeat(50_000);
    const quotes = ['Open Imagery Collective', 'Irina Volkova', 'Lena Marsh', 'Veshnaya reservoir dam', 'regional emergency service'];
    const spans = quotes.map((q) => spanRecord(doc, q, { creator: me, note: big }));
    w.queue.enqueue(doc.id, spans);
    await w.settle();

    expect(w.network.saves.length).toBeGreaterThanOrEqual(3);
    for (const call of w.network.saves) {
      expect(call.status).toBe(200);
      expect(call.bytes).toBeLessThanOrEqual(SAVE_BATCH_MAX_BYTES + 100); // + the array's brackets and commas
    }
    expect(w.network.saves.flatMap((c) => c.ids)).toEqual(spans.map((s) => s.id)); // in order, each once
    const stored = await saved(host, doc.id);
    for (const s of spans) expect(stored.get(s.id)).toMatchObject({ note: big, rev: 1 });
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
  });

  it('isolates refused records in a batch: the others are saved, they are listed and never retried', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const me = await analystOf(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const ok1 = spanRecord(doc, 'Open Imagery Collective', { creator: me, note: 'first' });
    const tooLong = spanRecord(doc, 'Irina Volkova', { creator: me, note: 'x'.repeat(100_001) }); // 400: the contract's schema
    const forged = spanRecord(doc, 'Veshnaya reservoir dam', { creator: BEN }); // 422: only Ben can save Ben's records
    const ok2 = spanRecord(doc, 'Lena Marsh', { creator: me, note: 'fourth' });
    w.queue.enqueue(doc.id, [ok1, tooLong, forged, ok2]);
    await w.settle();

    // The batch was refused whole, then each record went alone.
    expect(w.network.saves.map((c) => [c.ids.length, c.status])).toEqual([
      [4, 400],
      [1, 200],
      [1, 400],
      [1, 422],
      [1, 200],
    ]);
    const stored = await saved(host, doc.id);
    expect([...stored.keys()].sort()).toEqual([ok1.id, ok2.id].sort());
    const refused = w.queue.getRefused();
    expect(refused.map((r) => [r.docId, changeId(r.change)])).toEqual([
      [doc.id, tooLong.id],
      [doc.id, forged.id],
    ]);
    expect(refused[0]?.change).toEqual(tooLong); // kept whole, for the analyst to copy
    expect(refused[0]?.message).toContain('note: a note can be at most 100,000 characters');
    expect(refused[1]?.message).toContain('records are saved by their creator only');
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    // The window is told, so it shows the saved state again (the refused text stays listed).
    expect(w.refusals).toEqual([
      { docId: doc.id, ids: [tooLong.id] },
      { docId: doc.id, ids: [forged.id] },
    ]);

    // Nothing is retried later, and later saves go out on their own.
    w.clock.fire();
    w.queue.retryNow();
    w.queue.enqueue(doc.id, [withNote(ok1, 'later')]);
    await w.settle();
    expect(w.network.saves.slice(5).map((c) => [c.ids, c.revs])).toEqual([[[ok1.id], [2]]]);
    expect((await saved(host, doc.id)).get(ok1.id)).toMatchObject({ note: 'later', rev: 2 });
    expect(w.clock.delays).toEqual([]);

    w.queue.dismissRefused(refused[0]?.key ?? '');
    expect(w.queue.getRefused().map((r) => changeId(r.change))).toEqual([forged.id]);
  });

  it('refuses a record built on an older revision (409), lists it, tells the window and saves the rest of its batch', async () => {
    const { host, doc, a, b } = await withTwoSavedSpans();

    // Two windows load the document.
    const w1 = openWindow(() => host);
    const w2 = openWindow(() => host);
    const listed = await host.core.listRecords(doc.id);
    w1.queue.seed(doc.id, listed);
    w2.queue.seed(doc.id, listed);

    // Window 2 saves first; window 1, built on what it loaded, changes the same record and another.
    w2.queue.enqueue(doc.id, [withNote(a, 'from window 2')]);
    await w2.settle();
    w1.queue.enqueue(doc.id, [{ ...a, tag: 'source' }, withNote(b, 'from window 1')]);
    await w1.settle();

    expect(w1.network.saves.map((c) => [c.ids, c.revs, c.status])).toEqual([
      [[a.id, b.id], [2, 2], 409],
      [[b.id], [2], 200],
    ]);
    const refused = w1.queue.getRefused();
    expect(refused.map((r) => r.change)).toEqual([{ ...a, tag: 'source' }]);
    expect(refused[0]?.message).toBe(
      'Not saved: “Open Imagery Collective” was changed in another window since this one loaded it. The current version is shown now.',
    );
    expect(w1.refusals).toEqual([{ docId: doc.id, ids: [a.id] }]);
    const stored = await saved(host, doc.id);
    expect(stored.get(a.id)).toMatchObject({ tag: 'claim', note: 'from window 2', rev: 2 });
    expect(stored.get(b.id)).toMatchObject({ note: 'from window 1', rev: 2 });
    expect(w1.queue.getSnapshot()).toEqual({ kind: 'saved' });

    // A deletion (tombstone) from a stale window is refused too: the record stays as window 2 saved it.
    w1.queue.enqueue(doc.id, [{ ...a, deleted: true }]);
    await w1.settle();
    expect(w1.network.saves.at(-1)?.status).toBe(409);
    expect(w1.refusals.at(-1)).toEqual({ docId: doc.id, ids: [a.id] });
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'from window 2', rev: 2 });

    // Once the window has listed the saved state again (seed), its edits go through.
    w1.queue.seed(doc.id, await host.core.listRecords(doc.id));
    w1.queue.enqueue(doc.id, [{ ...a, note: 'from window 2', tag: 'source' }]);
    await w1.settle();
    expect(w1.network.saves.at(-1)).toMatchObject({ revs: [3], status: 200 });
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ tag: 'source', note: 'from window 2', rev: 3 });
  });

  it('seed keeps the base revision of records with changes still pending', async () => {
    const { host, doc, me, a, b } = await withTwoSavedSpans();
    const w1 = openWindow(() => host);
    const w2 = openWindow(() => host);
    w1.queue.seed(doc.id, await host.core.listRecords(doc.id));
    w2.queue.seed(doc.id, await host.core.listRecords(doc.id));

    // Window 1 edits `a` while it cannot reach the host: the change waits.
    w1.network.online = false;
    w1.queue.enqueue(doc.id, [withNote(a, 'offline edit')]);
    const fresh = spanRecord(doc, 'Lena Marsh', { creator: me });
    w1.queue.enqueue(doc.id, [fresh]); // created here, never saved yet
    await w1.settle();
    expect(w1.queue.pendingIds(doc.id)).toEqual(new Set([a.id, fresh.id]));

    // Meanwhile window 2 changes both records; window 1 then lists the document again.
    w2.queue.enqueue(doc.id, [withNote(a, 'window 2 wins'), withNote(b, 'window 2 on b')]);
    await w2.settle();
    w1.queue.seed(doc.id, await host.core.listRecords(doc.id));

    // Back online: the pending edit still carries the revision it was built on, so it is refused,
    // the new record is created, and `b` (not pending when listed) is edited on the new revision.
    w1.network.online = true;
    w1.queue.enqueue(doc.id, [withNote(b, 'window 1 on b, after listing')]);
    w1.queue.retryNow();
    await w1.settle();

    const stored = await saved(host, doc.id);
    expect(stored.get(a.id)).toMatchObject({ note: 'window 2 wins', rev: 2 });
    expect(stored.get(fresh.id)).toMatchObject({ rev: 1 });
    expect(stored.get(b.id)).toMatchObject({ note: 'window 1 on b, after listing', rev: 3 });
    expect(w1.queue.getRefused().map((r) => changeId(r.change))).toEqual([a.id]);
    expect(w1.refusals.flatMap((s) => s.ids)).toEqual([a.id]);
    expect(w1.queue.getSnapshot()).toEqual({ kind: 'saved' });
  });

  it('noteSaved takes revisions from the change feed, except for records with changes still pending', async () => {
    const { host, doc, a, b } = await withTwoSavedSpans();
    const feed: ChangesEvent[] = [];
    host.core.onEvent((event) => void (event.type === 'changes' && feed.push(event)));
    const w1 = openWindow(() => host);
    const w2 = openWindow(() => host);
    w1.queue.seed(doc.id, await host.core.listRecords(doc.id));
    w2.queue.seed(doc.id, await host.core.listRecords(doc.id));

    // Window 1 edits `a` offline; window 2 saves changes to both records, and window 1 hears of them.
    w1.network.online = false;
    w1.queue.enqueue(doc.id, [withNote(a, 'window 1 offline')]);
    await w1.settle();
    w2.queue.enqueue(doc.id, [withNote(a, 'window 2 on a'), withNote(b, 'window 2 on b')]);
    await w2.settle();
    const heard = feed.at(-1);
    expect(heard).toMatchObject({ docId: doc.id, origin: { kind: 'window', clientId: w2.clientId } });
    w1.queue.noteSaved(doc.id, heard?.records ?? []);

    // An edit of `b` made on what window 1 now shows is saved; the pending edit of `a` was built
    // on the old revision and is refused rather than overwriting window 2's.
    w1.queue.enqueue(doc.id, [withNote(b, 'window 1 on b')]);
    w1.network.online = true;
    w1.queue.retryNow();
    await w1.settle();
    const stored = await saved(host, doc.id);
    expect(stored.get(a.id)).toMatchObject({ note: 'window 2 on a', rev: 2 });
    expect(stored.get(b.id)).toMatchObject({ note: 'window 1 on b', rev: 3 });
    expect(w1.queue.getRefused().map((r) => changeId(r.change))).toEqual([a.id]);
  });

  it('a record in flight counts as pending: a revision heard meanwhile does not rebase it when the call is lost', async () => {
    const { host, doc, a } = await withTwoSavedSpans();
    const feed: ChangesEvent[] = [];
    host.core.onEvent((event) => void (event.type === 'changes' && feed.push(event)));
    const w1 = openWindow(() => host);
    const w2 = openWindow(() => host);
    w1.queue.seed(doc.id, await host.core.listRecords(doc.id));
    w2.queue.seed(doc.id, await host.core.listRecords(doc.id));

    // Window 1's edit of `a` is on its way when window 2's change of `a` is saved and heard.
    w1.network.hold();
    w1.queue.enqueue(doc.id, [withNote(a, 'window 1')]);
    await until(() => w1.network.inFlight === 1);
    expect(w1.queue.pendingIds(doc.id)).toEqual(new Set([a.id]));
    w2.queue.enqueue(doc.id, [withNote(a, 'window 2')]);
    await w2.settle();
    w1.queue.noteSaved(doc.id, feed.at(-1)?.records ?? []);

    // The call never reached the host; the retry still carries the revision the edit was built
    // on, so the host refuses it instead of overwriting window 2's change.
    w1.network.release(false);
    await w1.settle();
    expect(w1.queue.getSnapshot()).toEqual({ kind: 'unsaved', detail: `${UNREACHABLE} Retrying…` });
    w1.clock.fire();
    await w1.settle();
    expect(w1.network.saves.map((c) => [c.revs, c.status])).toEqual([
      [[2], 0],
      [[2], 409],
    ]);
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'window 2', rev: 2 });
    expect(w1.queue.getRefused().map((r) => r.change)).toEqual([withNote(a, 'window 1')]);
  });

  it('host unreachable: unsaved with the reason and a retry with backoff; reachable again: saved', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const me = await analystOf(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const a = spanRecord(doc, 'Open Imagery Collective', { creator: me, note: 'typed offline' });

    w.network.online = false;
    w.queue.enqueue(doc.id, [a]);
    await w.settle();
    expect(w.queue.getSnapshot()).toEqual({ kind: 'unsaved', detail: `${UNREACHABLE} Retrying…` });
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.queue.pendingIds(doc.id)).toEqual(new Set([a.id]));
    expect(w.clock.delays).toEqual([1_000]);

    // Still off at each retry: the wait doubles, the record stays.
    for (let i = 0; i < 3; i++) {
      w.clock.fire();
      await w.settle();
    }
    expect(w.clock.delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(w.network.saves.map((c) => c.status)).toEqual([0, 0, 0, 0]);
    expect(w.queue.getSnapshot().kind).toBe('unsaved');
    expect((await saved(host, doc.id)).size).toBe(0);

    // Edits made meanwhile join the queue and do not start a call of their own.
    const b = spanRecord(doc, 'Lena Marsh', { creator: me });
    w.queue.enqueue(doc.id, [b]);
    await w.settle();
    expect(w.network.saves).toHaveLength(4);

    // Reachable again: the next retry saves everything, and the backoff starts over.
    w.network.online = true;
    w.clock.fire();
    await w.settle();
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect(w.queue.hasUnsaved).toBe(false);
    expect([...(await saved(host, doc.id)).keys()].sort()).toEqual([a.id, b.id].sort());
    expect(w.clock.scheduled.size).toBe(0);

    w.network.online = false;
    w.queue.enqueue(doc.id, [withNote(a, 'second outage')]);
    await w.settle();
    expect(w.clock.delays.at(-1)).toBe(1_000);
    // retryNow (the browser's `online` event) does not wait for the timer.
    w.network.online = true;
    w.queue.retryNow();
    await w.settle();
    expect(w.clock.scheduled.size).toBe(0);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'second outage', rev: 2 });
  });

  it('host failure (5xx): "failed" with the host message, kept and retried until saved', async () => {
    let host = await startHost();
    const doc = await firstDoc(host);
    const me = await analystOf(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const a = spanRecord(doc, 'Open Imagery Collective', { creator: me, note: 'kept through a failure' });

    // The host is shutting down: it answers, with an error.
    await host.core.close();
    w.queue.enqueue(doc.id, [a]);
    await w.settle();
    expect(w.network.saves.map((c) => c.status)).toEqual([500]);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'failed', message: 'Marginalia is closing; the change was not saved.' });
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.queue.getRefused()).toEqual([]);
    expect(w.clock.delays).toEqual([1_000]);

    w.clock.fire();
    await w.settle();
    expect(w.network.saves.map((c) => c.status)).toEqual([500, 500]);
    expect(w.queue.getSnapshot().kind).toBe('failed');
    expect(w.clock.delays).toEqual([1_000, 2_000]);

    // A new host on the same data dir: the retry saves it.
    host = await startHost();
    w.clock.fire();
    await w.settle();
    expect(w.network.saves.map((c) => c.status)).toEqual([500, 500, 200]);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'kept through a failure', rev: 1 });
  });

  it('a note being typed keeps the window unsaved until it is handed over and saved', async () => {
    const host = await startHost();
    const doc = await firstDoc(host);
    const me = await analystOf(host);
    const w = openWindow(() => host);
    w.queue.seed(doc.id, []);
    const a = spanRecord(doc, 'Open Imagery Collective', { creator: me });
    const b = spanRecord(doc, 'Lena Marsh', { creator: me });
    const states: string[] = [];
    w.queue.subscribe(() => states.push(w.queue.getSnapshot().kind));

    w.queue.setDraft(`note:${a.id}`, true);
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.queue.getSnapshot()).toEqual({ kind: 'unsaved', detail: null });

    // Another record saved meanwhile does not make the window "Saved".
    w.queue.enqueue(doc.id, [b]);
    await w.settle();
    expect((await saved(host, doc.id)).has(b.id)).toBe(true);
    expect(w.queue.hasUnsaved).toBe(true);
    expect(w.queue.getSnapshot().kind).toBe('unsaved');
    expect(states).not.toContain('saved');

    // The editor hands the note over (enqueue, then the draft ends): unsaved until the host acknowledges.
    w.queue.enqueue(doc.id, [withNote(a, 'typed')]);
    w.queue.setDraft(`note:${a.id}`, false);
    expect(w.queue.getSnapshot().kind).toBe('unsaved');
    await w.settle();
    expect(w.queue.getSnapshot()).toEqual({ kind: 'saved' });
    expect((await saved(host, doc.id)).get(a.id)).toMatchObject({ note: 'typed', rev: 1 });
  });
});
