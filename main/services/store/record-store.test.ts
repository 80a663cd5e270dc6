import { spawnSync } from 'node:child_process';
import { appendFile, lstat, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarginaliaRecord, ReviewRecord } from '../../../shared/model/records';
import { NoticeBoard } from '../notices';
import { BEN, makeTempDir, nextRev, spanRecord, tombstone } from '../test-support';
import { documentId } from '../text-file';
import { serializeBatch, serializeSnapshot } from './record-files';
import { RecordStore, type RecordStoreOptions, StaleRecordError, type StoredBatch } from './record-store';

const TEXT_A = 'Officials said at least 1,200 residents were evacuated from Krasnovets 📍 on Sunday.';
const TEXT_B = 'A column of up to 30 vehicles was seen near Tarsk.';
const DOC_A = { id: documentId(TEXT_A), text: TEXT_A };
const DOC_B = { id: documentId(TEXT_B), text: TEXT_B };
const AT = new Date('2026-03-14T10:11:12.345Z');

let dataDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir: dataDir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const storeDir = (): string => join(dataDir, 'records');
const clock = (): Date => AT;

function openStore(options: Partial<RecordStoreOptions> = {}): { store: RecordStore; notices: NoticeBoard } {
  const notices = new NoticeBoard(clock);
  return { store: new RecordStore({ dir: storeDir(), notices, clock, ...options }), notices };
}

async function corruptFiles(): Promise<string[]> {
  return (await readdir(storeDir())).filter((name) => name.includes('.corrupt-'));
}

const ids = (records: readonly MarginaliaRecord[]) => records.map((r) => r.id).sort();
const quotes = (records: readonly MarginaliaRecord[]) =>
  records
    .flatMap((r) => (r.kind === 'span' ? [r] : []))
    .sort((a, b) => a.target.start - b.target.start)
    .map((r) => r.target.quote);

function review(span: MarginaliaRecord, id: string): ReviewRecord {
  return { kind: 'review', id, creator: BEN, rev: 1, createdAt: AT.toISOString(), updatedAt: AT.toISOString(), target: { docId: span.target.docId, spanId: span.id }, decision: 'accept' };
}

describe('RecordStore', () => {
  it('survives reopening: a new store on the same folder sees every record, tombstones apart', async () => {
    const { store } = openStore();
    const claim = spanRecord(DOC_A, 'at least 1,200 residents were evacuated', { tag: 'claim' });
    const figure = spanRecord(DOC_A, 'at least 1,200 residents', { tag: 'figure' });
    const place = spanRecord(DOC_A, 'Krasnovets', { tag: 'place' });
    const pin = spanRecord(DOC_A, '📍', { tag: 'place' });
    await store.apply(DOC_A.id, [claim, figure, place], { mode: 'next' });
    await store.apply(DOC_A.id, [nextRev(claim, { note: 'check with OCHA' }), tombstone(place), pin], { mode: 'next' });
    const tarsk = spanRecord(DOC_B, 'Tarsk', { tag: 'place' });
    expect(await store.apply(DOC_B.id, [tarsk], { mode: 'next' })).toEqual({ taken: [tarsk], counts: { claim: 0, source: 0, figure: 0, place: 1 } });

    const { store: reopened, notices } = openStore();
    const listed = await reopened.list(DOC_A.id);
    expect(quotes(listed)).toEqual(['at least 1,200 residents were evacuated', 'at least 1,200 residents', '📍']);
    expect(listed.find((r) => r.id === claim.id)).toMatchObject({ note: 'check with OCHA', rev: 2 });
    expect((await reopened.list(DOC_A.id, { withDeleted: true })).find((r) => r.id === place.id)).toMatchObject({ deleted: true, rev: 2 });
    expect(await reopened.counts(DOC_A.id)).toEqual({ claim: 1, source: 0, figure: 1, place: 1 });
    expect(quotes(await reopened.list(DOC_B.id))).toEqual(['Tarsk']);
    expect(notices.list()).toEqual([]);
  });

  it('takes a record only as the next revision in `next` mode, and writes nothing of a stale batch', async () => {
    const { store } = openStore();
    const claim = spanRecord(DOC_A, 'Officials');
    await store.apply(DOC_A.id, [claim], { mode: 'next' });
    const path = join(storeDir(), `${DOC_A.id}.journal`);
    const before = await readFile(path);
    const fresh = spanRecord(DOC_A, 'Sunday');
    const stale = await store.apply(DOC_A.id, [fresh, { ...claim, note: 'from an old window' }], { mode: 'next' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleRecordError);
    expect((stale as StaleRecordError).conflicts).toEqual([{ id: claim.id, sentRev: 1, stored: claim }]);
    expect(await readFile(path)).toEqual(before);
    // Two revisions of one record in one batch chain on each other.
    await store.apply(DOC_A.id, [nextRev(claim, { note: 'a' }), nextRev(nextRev(claim), { note: 'b' })], { mode: 'next' });
    expect((await store.list(DOC_A.id))[0]).toMatchObject({ note: 'b', rev: 3 });
  });

  it('takes only newer revisions in `merge` mode (imports, sync)', async () => {
    const { store } = openStore();
    const claim = spanRecord(DOC_A, 'Officials', { rev: 3, note: 'local' });
    await store.apply(DOC_A.id, [claim], { mode: 'merge' });
    const older = { ...claim, rev: 2, note: 'older' };
    const newer = { ...claim, rev: 5, note: 'newer' };
    expect((await store.apply(DOC_A.id, [older], { mode: 'merge' })).taken).toEqual([]);
    expect((await store.apply(DOC_A.id, [newer], { mode: 'merge' })).taken).toEqual([newer]);
    expect((await store.list(DOC_A.id))[0]).toMatchObject({ note: 'newer', rev: 5 });
  });

  it('announces every batch on the change feed, with its origin, once it is on disk', async () => {
    const { store } = openStore();
    const seen: StoredBatch[] = [];
    store.onApplied((batch) => seen.push(batch));
    const claim = spanRecord(DOC_A, 'Officials');
    await store.apply(DOC_A.id, [claim], { mode: 'next', origin: { kind: 'import', source: 'ben.json' } });
    await store.apply(DOC_A.id, [claim], { mode: 'merge' }); // nothing taken: nothing announced
    expect(seen).toEqual([{ scope: DOC_A.id, origin: { kind: 'import', source: 'ben.json' }, taken: [claim], counts: { claim: 1, source: 0, figure: 0, place: 0 } }]);
  });

  it('writes one journal line per batch and touches no other document', async () => {
    const { store } = openStore();
    await store.apply(DOC_B.id, [spanRecord(DOC_B, 'Tarsk')], { mode: 'next' });
    const before = await stat(join(storeDir(), `${DOC_B.id}.journal`));
    const span = spanRecord(DOC_A, 'Sunday');
    await store.apply(DOC_A.id, [span, spanRecord(DOC_A, 'Officials'), review(span, 'rv-1')], { mode: 'next' });
    const journal = await readFile(join(storeDir(), `${DOC_A.id}.journal`), 'utf8');
    expect(journal.split('\n')).toHaveLength(2); // one line and the final newline
    expect(JSON.parse(journal.split('\n')[0] ?? '').records.map((r: MarginaliaRecord) => r.kind)).toEqual(['span', 'span', 'review']);
    const after = await stat(join(storeDir(), `${DOC_B.id}.journal`));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.size).toBe(before.size);
  });

  it('a multi-record batch torn at every byte reloads whole or not at all', async () => {
    const { store } = openStore();
    const first = spanRecord(DOC_A, 'Officials', { id: 'first' });
    await store.apply(DOC_A.id, [first], { mode: 'next' });
    const path = join(storeDir(), `${DOC_A.id}.journal`);
    const committed = (await stat(path)).size;
    // An accept: a copy in the reviewer's layer and the decision, one batch.
    const copy = spanRecord(DOC_A, 'Officials', { id: 'copy', creator: BEN });
    const decision = { ...review(first, 'decision'), copyId: 'copy' };
    await store.apply(DOC_A.id, [copy, decision, spanRecord(DOC_A, 'Sunday', { id: 'third' })], { mode: 'next' });
    const full = await readFile(path);
    for (let cut = committed; cut <= full.length; cut++) {
      await writeFile(path, full.subarray(0, cut));
      const { store: reopened, notices } = openStore();
      const found = ids(await reopened.list(DOC_A.id));
      const whole = cut === full.length;
      expect(found, `torn at byte ${cut} of ${full.length}`).toEqual(whole ? ['copy', 'decision', 'first', 'third'] : ['first']);
      expect(notices.list(), `torn at byte ${cut}`).toEqual([]);
      expect(await corruptFiles()).toEqual([]);
    }
  });

  it('keeps concurrent batches for one document in order', async () => {
    const { store } = openStore();
    let base = spanRecord(DOC_A, 'Officials');
    await store.apply(DOC_A.id, [base], { mode: 'next' });
    const versions = Array.from({ length: 40 }, (_, i) => (base = nextRev(base, { note: `v${i}` })));
    await Promise.all(versions.map((v) => store.apply(DOC_A.id, [v], { mode: 'next' })));
    const { store: reopened } = openStore();
    expect((await reopened.list(DOC_A.id))[0]).toMatchObject({ note: 'v39', rev: 41 });
  });

  it('compacts into a verified snapshot after enough batches, and replays the rest', async () => {
    const { store } = openStore({ compactAfterLines: 5 });
    const spans = ['Officials', 'said', 'at least', '1,200', 'residents', 'evacuated', 'Krasnovets'];
    for (const quote of spans) await store.apply(DOC_A.id, [spanRecord(DOC_A, quote, { id: quote })], { mode: 'next' });
    const snapshot = JSON.parse(await readFile(join(storeDir(), `${DOC_A.id}.json`), 'utf8'));
    expect(snapshot).toMatchObject({ format: 'marginalia/records', version: 2, scope: DOC_A.id, offsetUnit: 'utf16' });
    expect(snapshot.records).toHaveLength(5);
    const journal = await readFile(join(storeDir(), `${DOC_A.id}.journal`), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(2);
    const { store: reopened } = openStore();
    expect(ids(await reopened.list(DOC_A.id))).toEqual([...spans].sort());
  });

  it('replays a journal that repeats what the snapshot holds (crash between compaction steps)', async () => {
    const { store } = openStore();
    const a = spanRecord(DOC_A, 'Officials');
    const b = spanRecord(DOC_A, 'Sunday');
    await store.apply(DOC_A.id, [a, b], { mode: 'next' });
    await store.apply(DOC_A.id, [tombstone(b)], { mode: 'next' });
    const journal = await readFile(join(storeDir(), `${DOC_A.id}.journal`));
    await store.compactNow(DOC_A.id);
    await writeFile(join(storeDir(), `${DOC_A.id}.journal`), journal); // as if the truncate never happened
    const { store: reopened, notices } = openStore();
    expect(ids(await reopened.list(DOC_A.id))).toEqual([a.id]);
    expect(notices.list()).toEqual([]);
  });

  it('refuses to append to a journal that changed on disk under it, and reloads what is there', async () => {
    const { store } = openStore();
    await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Officials', { id: 'o' })], { mode: 'next' });
    const path = join(storeDir(), `${DOC_A.id}.journal`);
    await appendFile(path, serializeBatch([spanRecord(DOC_A, 'Sunday', { id: 's' })], AT));
    await expect(store.apply(DOC_A.id, [spanRecord(DOC_A, 'Krasnovets', { id: 'k' })], { mode: 'next' })).rejects.toThrow(/changed on disk/);
    await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Krasnovets', { id: 'k' })], { mode: 'next' });
    expect(ids(await store.list(DOC_A.id))).toEqual(['k', 'o', 's']);
  });

  it('refuses store files that are links or FIFOs: nothing is read through them, they are moved aside with a notice', async () => {
    const outside = join(dataDir, 'secret.txt');
    await writeFile(outside, 'PRIVATE KEY');
    await mkdir(storeDir(), { recursive: true });
    await symlink(outside, join(storeDir(), `${DOC_A.id}.json`));
    spawnSync('mkfifo', [join(storeDir(), `${DOC_B.id}.journal`)]);
    const { store, notices } = openStore();
    expect(await store.list(DOC_A.id)).toEqual([]);
    expect(await store.list(DOC_B.id)).toEqual([]);
    const messages = notices.list().map((n) => n.message).join('\n');
    expect(messages).toContain('it is a symbolic link; refused');
    expect(messages).toMatch(/it is a FIFO \(named pipe\), not a regular file; refused/);
    expect((await corruptFiles()).length).toBe(2);
    expect(await readFile(outside, 'utf8')).toBe('PRIVATE KEY');
    await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Officials')], { mode: 'next' });
    expect((await lstat(join(storeDir(), `${DOC_A.id}.journal`))).isFile()).toBe(true);
  });

  for (const [label, tail] of [
    ['without a newline', '{"at":"2026","records":[{"kind":"span","id":"half'],
    ['that is garbage with a newline', '\0\0\0\0\0\0\n'],
  ] as const) {
    it(`drops a torn last journal line ${label} silently and truncates it away`, async () => {
      const { store } = openStore();
      await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Officials')], { mode: 'next' });
      const path = join(storeDir(), `${DOC_A.id}.journal`);
      const good = await readFile(path);
      await appendFile(path, tail);
      const { store: reopened, notices } = openStore();
      expect(quotes(await reopened.list(DOC_A.id))).toEqual(['Officials']);
      expect(notices.list()).toEqual([]);
      expect(await readFile(path)).toEqual(good);
      await reopened.apply(DOC_A.id, [spanRecord(DOC_A, 'Sunday')], { mode: 'next' });
      const { store: third } = openStore();
      expect(quotes(await third.list(DOC_A.id))).toEqual(['Officials', 'Sunday']);
    });
  }

  it('quarantines a journal damaged in the middle, keeping its readable batches, with a notice', async () => {
    const { store } = openStore();
    await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Officials')], { mode: 'next' });
    const path = join(storeDir(), `${DOC_A.id}.journal`);
    await appendFile(path, 'this is not json\n');
    await appendFile(path, serializeBatch([spanRecord(DOC_A, 'Sunday')], AT));
    const original = await readFile(path);
    const { store: reopened, notices } = openStore({ describeScope: () => '“Evacuation report” (report.txt)' });
    expect(quotes(await reopened.list(DOC_A.id))).toEqual(['Officials', 'Sunday']);
    const [moved] = await corruptFiles();
    expect(moved).toBe(`${DOC_A.id}.journal.corrupt-2026-03-14T10-11-12-345Z`);
    expect(await readFile(join(storeDir(), moved ?? ''))).toEqual(original);
    const [notice] = notices.list();
    expect(notice?.message).toContain('“Evacuation report” (report.txt)');
    expect(notice?.message).toContain('line 2');
    const { store: third } = openStore();
    expect(quotes(await third.list(DOC_A.id))).toEqual(['Officials', 'Sunday']);
  });

  const snapshotDamage: [string, (good: string) => string, RegExp][] = [
    ['truncated', (good) => good.slice(0, Math.floor(good.length / 2)), /truncated/],
    ['invalid JSON', () => '{"format": marginalia}', /not valid JSON/],
    ['of the wrong schema', (good) => good.replace('"claim"', '"rumour"'), /does not match the store format: records\.0\.tag/],
    ['empty', () => '', /empty/],
  ];
  for (const [kind, damage, why] of snapshotDamage) {
    it(`quarantines a ${kind} snapshot, says so, and still loads the other documents`, async () => {
      const { store } = openStore();
      const a = spanRecord(DOC_A, 'Officials');
      const path = join(storeDir(), `${DOC_A.id}.json`);
      await store.apply(DOC_B.id, [spanRecord(DOC_B, 'Tarsk')], { mode: 'next' });
      await store.compactNow(DOC_B.id);
      const bad = damage(serializeSnapshot(DOC_A.id, [a]));
      await writeFile(path, bad);
      const { store: reopened, notices } = openStore();
      expect(await reopened.list(DOC_A.id)).toEqual([]);
      expect(quotes(await reopened.list(DOC_B.id))).toEqual(['Tarsk']);
      const moved = await corruptFiles();
      expect(moved).toEqual([`${DOC_A.id}.json.corrupt-2026-03-14T10-11-12-345Z`]);
      expect(await readFile(join(storeDir(), moved[0] ?? ''), 'utf8')).toBe(bad);
      const list = notices.list();
      expect(list).toHaveLength(1);
      expect(list[0]?.message).toMatch(why);
      expect(list[0]?.message).toContain('nothing was deleted');
    });
  }

  it('removes temp files left by a kill during compaction, and nothing else', async () => {
    const { store } = openStore();
    await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Krasnovets')], { mode: 'next' });
    await writeFile(join(storeDir(), `.${DOC_A.id}.json.0123456789ab.tmp`), '{"format":"marginalia/re');
    await writeFile(join(storeDir(), 'notes.json.12'), 'kept');
    const { store: reopened } = openStore();
    expect(quotes(await reopened.list(DOC_A.id))).toEqual(['Krasnovets']);
    expect((await readdir(storeDir())).sort()).toEqual([`${DOC_A.id}.journal`, 'notes.json.12']);
  });

  it('lists which scopes have store files without reading them, and refuses anything that is not a scope', async () => {
    const { store } = openStore();
    await store.apply(DOC_B.id, [spanRecord(DOC_B, 'Tarsk')], { mode: 'next' });
    expect([...(await store.scopesWithFiles())]).toEqual([DOC_B.id]);
    await expect(store.list('../../etc/passwd')).rejects.toThrow(/Not a document id/);
  });

  it('drops least recently used scopes from memory and reloads them correctly', async () => {
    const { store } = openStore({ maxCachedScopes: 1 });
    await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Officials')], { mode: 'next' });
    await store.apply(DOC_B.id, [spanRecord(DOC_B, 'Tarsk')], { mode: 'next' });
    await store.apply(DOC_A.id, [spanRecord(DOC_A, 'Sunday')], { mode: 'next' });
    expect(quotes(await store.list(DOC_A.id))).toEqual(['Officials', 'Sunday']);
    expect(quotes(await store.list(DOC_B.id))).toEqual(['Tarsk']);
  });
});
