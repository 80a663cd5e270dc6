// Edits, undo and redo with other windows at work: a DocumentStore, a SaveQueue and an
// UndoHistory per window (wired as the app wires them, renderer/src/test-support/window.ts), two
// windows on one real in-process host. Every test asserts what the host stores, and that the
// window shows it.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentContent } from '../../../shared/api';
import type { CommentRecord, Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { acceptSpan, commentOnSpan } from '../../../shared/model/review-steps';
import { createApiRouter } from '../../../main/web/api-routes';
import { createMarginaliaCore } from '../../../main/services/marginalia-core';
import { NoticeBoard } from '../../../main/services/notices';
import type { MarginaliaCore } from '../../../main/services/service-types';
import { RecordStore } from '../../../main/services/store/record-store';
import { BEN, SAMPLE_CORPUS_DIR, makeTempDir, spanOf, spanRecord } from '../../../main/services/test-support';
import type { Transport } from '../api/client';
import { TestWindow } from '../test-support/window';
import { changeId } from './save-queue';

interface Host {
  core: MarginaliaCore;
  call: ReturnType<typeof createApiRouter>;
}

let dataDir: string;
let cleanup: () => Promise<void>;
const cores: MarginaliaCore[] = [];
let windows = 0;

beforeEach(async () => ({ dir: dataDir, cleanup } = await makeTempDir('marginalia-commands-')));
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

function overRouter(host: () => Host): (clientId: string) => Transport {
  return (clientId) => async (method, args) => (await host().call(method, Buffer.from(JSON.stringify({ args })), clientId)).body;
}

/** A window with the document open, hearing the host's change feed (delivered by `receive`). */
async function openWindow(host: Host, docId: string): Promise<TestWindow> {
  const w = new TestWindow(`window-${++windows}`, overRouter(() => host));
  host.core.onEvent(w.hear);
  await w.open(docId);
  return w;
}

async function savedRecords(host: Host, docId: string): Promise<Map<string, MarginaliaRecord>> {
  return new Map((await host.core.listRecords(docId)).map((r) => [r.id, r]));
}

/** Records without their revision (a window's own edits keep the revision they were built on). */
function contents(records: readonly MarginaliaRecord[]): Omit<MarginaliaRecord, 'rev'>[] {
  return records.map(({ rev: _rev, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));
}

/** The window shows exactly what the host stores. */
async function expectInLine(w: TestWindow, host: Host): Promise<void> {
  expect(contents(w.store.getSnapshot().records)).toEqual(contents(await host.core.listRecords(w.store.docId)));
}

async function setUp() {
  const host = await startHost();
  const doc = await firstDoc(host);
  const me = await analystOf(host);
  return { host, doc, me };
}

function at(doc: DocumentContent, quote: string): [number, number] {
  return spanOf(doc.text, quote);
}

function newId(): string {
  return crypto.randomUUID();
}

describe('AnnotationCommands with undo', () => {
  it('create, retag, note and delete reach the host; undo walks them back and redo forward again', async () => {
    const { host, doc, me } = await setUp();
    const w = await openWindow(host, doc.id);
    const { commands, store } = w;

    const span = commands.create('claim', ...at(doc, 'Open Imagery Collective'), me);
    expect(store.getSnapshot().selectedId).toBe(span.id);
    // Creating the same span again selects the existing one.
    expect(commands.create('claim', ...at(doc, 'Open Imagery Collective'), me)).toBe(span);
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'claim', note: '', rev: 1, creator: me, target: { quote: 'Open Imagery Collective' } });

    commands.retag(span.id, 'source');
    commands.setNote(span.id, 'satellite imagery group');
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'source', note: 'satellite imagery group' });
    await expectInLine(w, host);

    commands.remove(span.id);
    expect(store.get(span.id)).toBeUndefined();
    expect(store.getSnapshot().selectedId).toBeNull();
    await w.settle();
    expect((await savedRecords(host, doc.id)).has(span.id)).toBe(false);
    await expectInLine(w, host);

    // Undo the delete: back, selected, as it was.
    expect(commands.undo()).toBe('done');
    expect(store.getSnapshot().selectedId).toBe(span.id);
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'source', note: 'satellite imagery group' });
    await expectInLine(w, host);

    // Undo the note, the retag, the creation.
    expect(commands.undo()).toBe('done');
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'source', note: '' });
    expect(commands.undo()).toBe('done');
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'claim', note: '' });
    expect(commands.undo()).toBe('done');
    await w.settle();
    expect((await savedRecords(host, doc.id)).has(span.id)).toBe(false);
    expect(store.getSnapshot().selectedId).toBeNull();
    expect(commands.undo()).toBe('nothing');
    await expectInLine(w, host);

    // Redo: created again, then retagged.
    expect(commands.redo()).toBe('done');
    expect(commands.redo()).toBe('done');
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'source', note: '', rev: 8 }); // the two redos went out as one save
    await expectInLine(w, host);

    // A new edit drops what was left to redo.
    commands.setNote(span.id, 'new');
    expect(commands.redo()).toBe('nothing');
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'source', note: 'new', rev: 9 });
    expect(w.queue.getRefused()).toEqual([]);
  });

  it("deleting a span tombstones my comments on it, not another analyst's; undo brings both back", async () => {
    // Ben's comment arrived by import: put it in the data dir's store while no host runs.
    const first = await setUp();
    const doc = first.doc;
    const me = first.me;
    await first.host.core.close();
    const mine = spanRecord(doc, 'Open Imagery Collective', { creator: me });
    const bens: CommentRecord = { kind: 'comment', id: 'ben-comment', creator: BEN, rev: 1, createdAt: mine.createdAt, updatedAt: mine.updatedAt, target: { docId: doc.id, spanId: mine.id }, text: 'Source?' };
    const seeding = new RecordStore({ dir: join(dataDir, 'records'), notices: new NoticeBoard() });
    await seeding.apply(doc.id, [mine, bens], { mode: 'merge' });
    await seeding.flush();
    const host = await startHost();
    const w = await openWindow(host, doc.id);

    const step = commentOnSpan(mine, 'Their site lists the team.', { reviewer: me, now: new Date().toISOString(), newId });
    w.commands.perform({ ...step, selectAfterForward: mine.id, selectAfterBackward: mine.id });
    const myComment = step.forward[0] as CommentRecord;
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(myComment.id)).toMatchObject({ kind: 'comment', text: 'Their site lists the team.', rev: 1 });

    w.commands.remove(mine.id);
    await w.settle();
    const afterDelete = await savedRecords(host, doc.id);
    expect([...afterDelete.keys()]).toEqual([bens.id]); // Ben's comment is his: never touched
    expect(w.queue.getRefused()).toEqual([]);
    await expectInLine(w, host);

    w.commands.undo();
    await w.settle();
    const restored = await savedRecords(host, doc.id);
    expect(restored.get(mine.id)).toMatchObject({ rev: 3 });
    expect(restored.get(mine.id)?.deleted).toBeUndefined();
    expect(restored.get(myComment.id)).toMatchObject({ rev: 3, text: 'Their site lists the team.' });
    expect(restored.get(bens.id)).toEqual(bens);
    await expectInLine(w, host);

    // Undo the comment too: only it goes.
    w.commands.undo();
    await w.settle();
    expect([...(await savedRecords(host, doc.id)).keys()].sort()).toEqual([bens.id, mine.id].sort());
    await expectInLine(w, host);
  });

  it("accepting another analyst's span is one undoable step: undo removes the copy and the decision, never their span or my identical one", async () => {
    const first = await setUp();
    const doc = first.doc;
    const me = first.me;
    await first.host.core.close();
    const bensClaim = spanRecord(doc, 'Open Imagery Collective', { creator: BEN, id: 'ben-claim' });
    const bensPlace = spanRecord(doc, 'Veshnaya reservoir dam', { creator: BEN, id: 'ben-place', tag: 'place' });
    const myPlace = spanRecord(doc, 'Veshnaya reservoir dam', { creator: me, id: 'my-place', tag: 'place' });
    const seeding = new RecordStore({ dir: join(dataDir, 'records'), notices: new NoticeBoard() });
    await seeding.apply(doc.id, [bensClaim, bensPlace, myPlace], { mode: 'merge' });
    await seeding.flush();
    const host = await startHost();
    const w = await openWindow(host, doc.id);
    const context = () => ({ reviewer: me, now: new Date().toISOString(), records: w.store.getSnapshot().records, newId });

    // Accepting Ben's claim copies it into my layer; accepting his place links my identical span.
    const copyStep = acceptSpan(bensClaim, context());
    w.commands.perform({ ...copyStep, selectAfterForward: bensClaim.id, selectAfterBackward: bensClaim.id });
    const linkStep = acceptSpan(bensPlace, context());
    w.commands.perform({ ...linkStep, selectAfterForward: bensPlace.id, selectAfterBackward: bensPlace.id });
    await w.settle();
    const copy = copyStep.forward[0] as SpanRecord;
    let stored = await savedRecords(host, doc.id);
    expect(stored.get(copy.id)).toMatchObject({ creator: me, origin: { id: bensClaim.id, creatorId: BEN.id }, tag: 'claim' });
    expect(linkStep.forward).toHaveLength(1);
    expect(stored.get(linkStep.forward[0]?.id ?? '')).toMatchObject({ kind: 'review', decision: 'accept', copyId: myPlace.id });
    expect(stored.size).toBe(3 + 3);
    await expectInLine(w, host);

    w.commands.undo();
    w.commands.undo();
    await w.settle();
    stored = await savedRecords(host, doc.id);
    expect([...stored.keys()].sort()).toEqual([bensClaim.id, bensPlace.id, myPlace.id].sort());
    expect(stored.get(myPlace.id)).toEqual(myPlace);
    await expectInLine(w, host);

    w.commands.redo();
    await w.settle();
    expect((await savedRecords(host, doc.id)).get(copy.id)).toMatchObject({ rev: 3, origin: { id: bensClaim.id } });
    expect(w.queue.getRefused()).toEqual([]);
  });
});

describe('undo with another window at work', () => {
  it('never undoes a change made in another window to a record this window did not edit', async () => {
    const { host, doc, me } = await setUp();
    const w1 = await openWindow(host, doc.id);
    const w2 = await openWindow(host, doc.id);

    const mine = w1.commands.create('claim', ...at(doc, 'Open Imagery Collective'), me);
    await w1.settle();
    const theirs = w2.commands.create('figure', ...at(doc, 'Irina Volkova'), me);
    await w2.settle();
    w1.receive();
    w2.receive();
    expect(w1.store.get(theirs.id)).toEqual(theirs);

    w1.commands.retag(mine.id, 'source');
    w2.commands.setNote(theirs.id, 'from window 2');
    await Promise.all([w1.settle(), w2.settle()]);
    w1.receive(); // window 1 hears of it...
    w2.commands.retag(theirs.id, 'place');
    await w2.settle(); // ...but not yet of this one

    // Window 1 undoes everything it did: its own span goes, the other window's stays as saved.
    expect(w1.commands.undo()).toBe('done');
    expect(w1.commands.undo()).toBe('done');
    expect(w1.commands.undo()).toBe('nothing');
    await w1.settle();
    const stored = await savedRecords(host, doc.id);
    expect([...stored.keys()]).toEqual([theirs.id]);
    expect(stored.get(theirs.id)).toMatchObject({ tag: 'place', note: 'from window 2', rev: 3 });
    expect(w1.queue.getRefused()).toEqual([]);
    w1.receive();
    await expectInLine(w1, host);

    // Redo does not touch it either.
    w1.commands.redo();
    await w1.settle();
    expect((await savedRecords(host, doc.id)).get(theirs.id)).toMatchObject({ tag: 'place', note: 'from window 2', rev: 3 });
    w2.receive();
    await expectInLine(w2, host);
  });

  it('undoing my edit of a record another window changed meanwhile is refused as stale (409) and listed; the window then shows the saved state', async () => {
    const { host, doc, me } = await setUp();
    const w1 = await openWindow(host, doc.id);
    const span = w1.commands.create('claim', ...at(doc, 'Open Imagery Collective'), me);
    await w1.settle();
    w1.commands.retag(span.id, 'source');
    await w1.settle();

    // Window 2 opens the document and adds a note; window 1 has not heard of it yet.
    const w2 = await openWindow(host, doc.id);
    w2.commands.setNote(span.id, 'from window 2');
    await w2.settle();

    expect(w1.commands.undo()).toBe('done'); // the retag
    await w1.settle();
    expect(w1.network.saves.at(-1)).toMatchObject({ ids: [span.id], revs: [3], status: 409 });
    expect(w1.queue.getRefused().map((r) => [changeId(r.change), r.message])).toEqual([
      [span.id, 'Not saved: “Open Imagery Collective” was changed in another window since this one loaded it. The current version is shown now.'],
    ]);
    expect(w1.refusals).toEqual([{ docId: doc.id, ids: [span.id] }]);
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'source', note: 'from window 2', rev: 3 });

    // The window shows what is saved (the late event changes nothing more), and edits on it go through.
    await w1.showSaved();
    expect(w1.store.get(span.id)).toMatchObject({ tag: 'source', note: 'from window 2' });
    w1.receive();
    await expectInLine(w1, host);
    w1.commands.retag(span.id, 'figure');
    await w1.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'figure', note: 'from window 2', rev: 4 });
  });

  // Once this window has heard of the other window's change, the queue would send the undo as the
  // next revision of the latest one and the host would take it: so the window itself refuses an
  // undo (or redo) whose record moved on since the entry was made.
  it('undoing my edit of a record another window changed meanwhile is refused even when the change was heard', async () => {
    const { host, doc, me } = await setUp();
    const w1 = await openWindow(host, doc.id);
    const span = w1.commands.create('claim', ...at(doc, 'Open Imagery Collective'), me);
    await w1.settle();
    w1.commands.retag(span.id, 'source');
    await w1.settle();
    const w2 = await openWindow(host, doc.id);
    w2.commands.setNote(span.id, 'from window 2');
    await w2.settle();
    w1.receive();
    expect(w1.store.get(span.id)).toMatchObject({ tag: 'source', note: 'from window 2' });

    expect(w1.commands.undo()).toBe('changed-elsewhere'); // the retag, whose "before" has no note
    await w1.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ tag: 'source', note: 'from window 2' });
    expect(w1.store.get(span.id)).toMatchObject({ tag: 'source', note: 'from window 2' });
    // The entry is gone: the next undo is the one before it (the create), also overwritten, so refused too.
    expect(w1.commands.undo()).toBe('changed-elsewhere');
    expect(w1.commands.undo()).toBe('nothing');
  });

  it('a change heard while my edit of the same record is in flight does not make the window and the host disagree', async () => {
    const { host, doc, me } = await setUp();
    const w1 = await openWindow(host, doc.id);
    const span = w1.commands.create('claim', ...at(doc, 'Open Imagery Collective'), me);
    await w1.settle();
    const w2 = await openWindow(host, doc.id);

    // Window 1's note is on its way when window 2's note is saved and heard.
    w1.network.hold();
    w1.commands.setNote(span.id, 'from window 1');
    for (let i = 0; i < 100 && w1.network.inFlight === 0; i++) await Promise.resolve();
    expect(w1.network.inFlight).toBe(1);
    w2.commands.setNote(span.id, 'from window 2');
    await w2.settle();
    w1.receive();
    expect(w1.store.get(span.id)).toMatchObject({ note: 'from window 1' }); // its own change wins until answered

    // The call is lost; the retry is built on what window 1 had, so it is refused, not saved over window 2's.
    w1.network.release(false);
    await w1.settle();
    w1.clock.fire();
    await w1.settle();
    expect((await savedRecords(host, doc.id)).get(span.id)).toMatchObject({ note: 'from window 2', rev: 2 });
    expect(w1.queue.getRefused().map((r) => changeId(r.change))).toEqual([span.id]);
    await w1.showSaved();
    await expectInLine(w1, host);
  });

  it('showing the saved state keeps an edit that is in flight', async () => {
    const { host, doc, me } = await setUp();
    const w1 = await openWindow(host, doc.id);
    const a = w1.commands.create('claim', ...at(doc, 'Open Imagery Collective'), me);
    const b = w1.commands.create('place', ...at(doc, 'Veshnaya reservoir dam'), me);
    await w1.settle();

    // A refusal made the window list the document; before the list arrives, the analyst edits `b`.
    const listed = await w1.api.listRecords(doc.id);
    w1.network.hold();
    w1.commands.setNote(b.id, 'typed meanwhile');
    for (let i = 0; i < 100 && w1.network.inFlight === 0; i++) await Promise.resolve();
    expect(w1.network.inFlight).toBe(1);
    w1.queue.seed(doc.id, listed);
    w1.store.reconcile(listed, w1.queue.pendingIds(doc.id));
    expect(w1.store.get(b.id)).toMatchObject({ note: 'typed meanwhile' });

    w1.network.release(true);
    await w1.settle();
    expect((await savedRecords(host, doc.id)).get(b.id)).toMatchObject({ note: 'typed meanwhile', rev: 2 });
    expect((await savedRecords(host, doc.id)).get(a.id)).toMatchObject({ rev: 1 });
    await expectInLine(w1, host);
  });
});
