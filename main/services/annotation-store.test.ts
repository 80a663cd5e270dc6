import { spawnSync } from 'node:child_process';
import { appendFile, lstat, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationStore, type AnnotationStoreOptions } from './annotation-store';
import { NoticeBoard } from './notices';
import { serializeOps, serializeSnapshot } from './store-files';
import { documentId } from './text-file';
import { annotate, del, makeTempDir, put } from './test-support';

const TEXT_A = 'Officials said at least 1,200 residents were evacuated from Krasnovets 📍 on Sunday.';
const TEXT_B = 'A column of up to 30 vehicles was seen near Tarsk.';
const DOC_A = { id: documentId(TEXT_A), text: TEXT_A };
const DOC_B = { id: documentId(TEXT_B), text: TEXT_B };

let dataDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir: dataDir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const storeDir = (): string => join(dataDir, 'annotations');
const clock = (): Date => new Date('2026-03-14T10:11:12.345Z');

function openStore(options: Partial<AnnotationStoreOptions> = {}): { store: AnnotationStore; notices: NoticeBoard } {
  const notices = new NoticeBoard(clock);
  return { store: new AnnotationStore({ dir: storeDir(), notices, clock, ...options }), notices };
}

async function corruptFiles(): Promise<string[]> {
  return (await readdir(storeDir())).filter((name) => name.includes('.corrupt-'));
}

describe('AnnotationStore', () => {
  it('survives reopening: a new store on the same folder sees every change', async () => {
    const { store } = openStore();
    const claim = annotate(DOC_A, 'at least 1,200 residents were evacuated', { type: 'claim' });
    const figure = annotate(DOC_A, 'at least 1,200 residents', { type: 'figure' });
    const place = annotate(DOC_A, 'Krasnovets', { type: 'place' });
    const pin = annotate(DOC_A, '📍', { type: 'place' });
    await store.apply(DOC_A.id, [put(claim), put(figure), put(place)]);
    await store.apply(DOC_A.id, [put({ ...claim, note: 'check with OCHA' }), del(place), put(pin)]);
    const tarsk = annotate(DOC_B, 'Tarsk', { type: 'place' });
    const applied = await store.apply(DOC_B.id, [put(tarsk)]);
    expect(applied).toEqual({ counts: { claim: 0, source: 0, figure: 0, place: 1 }, revs: { [tarsk.id]: 1 } });

    const { store: reopened, notices } = openStore();
    const listed = await reopened.list(DOC_A.id);
    expect(listed.map((a) => a.quote)).toEqual(['at least 1,200 residents were evacuated', 'at least 1,200 residents', '📍']);
    expect(listed[0]?.note).toBe('check with OCHA');
    expect(await reopened.counts(DOC_A.id)).toEqual({ claim: 1, source: 0, figure: 1, place: 1 });
    expect((await reopened.list(DOC_B.id)).map((a) => a.quote)).toEqual(['Tarsk']);
    expect(notices.list()).toEqual([]);
  });

  it('removes snapshot temp files left by a kill during compaction, and nothing else', async () => {
    const { store } = openStore();
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Krasnovets', { type: 'place' }))]);
    const stale = join(storeDir(), `${DOC_A.id}.json.2914823`);
    const unrelated = join(storeDir(), 'notes.json.12');
    await writeFile(stale, '{"format":"marginalia/st');
    await writeFile(unrelated, 'kept');

    const { store: reopened } = openStore();
    expect((await reopened.list(DOC_A.id)).map((a) => a.quote)).toEqual(['Krasnovets']);
    const names = await readdir(storeDir());
    expect(names).not.toContain(`${DOC_A.id}.json.2914823`);
    expect(names).toContain('notes.json.12');
  });

  it('refuses to append to a journal that changed on disk under it, and reloads what is there', async () => {
    const { store } = openStore();
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Officials'))]);
    const path = join(storeDir(), `${DOC_A.id}.journal`);
    await appendFile(path, serializeOps([{ op: 'put', annotation: annotate(DOC_A, 'Sunday') }]));
    await expect(store.apply(DOC_A.id, [put(annotate(DOC_A, 'Krasnovets'))])).rejects.toThrow(/changed on disk/);
    // The next change starts from the file as it is: nothing written by the other writer is lost.
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Krasnovets'))]);
    expect((await store.list(DOC_A.id)).map((a) => a.quote)).toEqual(['Officials', 'Krasnovets', 'Sunday']);
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
    expect(await readFile(outside, 'utf8')).toBe('PRIVATE KEY'); // the link's target is untouched
    // Saving works again on fresh files.
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Officials'))]);
    expect((await lstat(join(storeDir(), `${DOC_A.id}.journal`))).isFile()).toBe(true);
  });

  it('writes one journal line per change and touches no other document', async () => {
    const { store } = openStore();
    await store.apply(DOC_B.id, [put(annotate(DOC_B, 'Tarsk'))]);
    const before = await stat(join(storeDir(), `${DOC_B.id}.journal`));
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Sunday')), put(annotate(DOC_A, 'Officials'))]);
    const journal = await readFile(join(storeDir(), `${DOC_A.id}.journal`), 'utf8');
    expect(journal.split('\n')).toHaveLength(3); // two lines and the final newline
    expect(JSON.parse(journal.split('\n')[0] ?? '')).toMatchObject({ op: 'put', annotation: { quote: 'Sunday' } });
    const after = await stat(join(storeDir(), `${DOC_B.id}.journal`));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.size).toBe(before.size);
  });

  it('keeps concurrent batches for one document in order', async () => {
    const { store } = openStore();
    const base = annotate(DOC_A, 'Officials');
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.apply(DOC_A.id, [put({ ...base, note: `v${i}` })])));
    const { store: reopened } = openStore();
    const [only] = await reopened.list(DOC_A.id);
    expect(only?.note).toBe('v39');
  });

  it('compacts into an atomic snapshot after enough journal lines, and replays the rest', async () => {
    const { store } = openStore({ compactAfterLines: 5 });
    const spans = ['Officials', 'said', 'at least', '1,200', 'residents', 'evacuated', 'Krasnovets'];
    for (const quote of spans) await store.apply(DOC_A.id, [put(annotate(DOC_A, quote, { id: quote }))]);
    const snapshot = JSON.parse(await readFile(join(storeDir(), `${DOC_A.id}.json`), 'utf8'));
    expect(snapshot).toMatchObject({ format: 'marginalia/store', version: 1, docId: DOC_A.id, offsetUnit: 'utf16' });
    expect(snapshot.annotations).toHaveLength(5);
    const journal = await readFile(join(storeDir(), `${DOC_A.id}.journal`), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(2);
    const { store: reopened } = openStore();
    expect((await reopened.list(DOC_A.id)).map((a) => a.id).sort()).toEqual([...spans].sort());
  });

  it('replays a journal that repeats what the snapshot holds (crash between compaction steps)', async () => {
    const { store } = openStore();
    const a = annotate(DOC_A, 'Officials');
    const b = annotate(DOC_A, 'Sunday');
    await store.apply(DOC_A.id, [put(a), put(b), del(b)]);
    const journal = await readFile(join(storeDir(), `${DOC_A.id}.journal`));
    await store.compactNow(DOC_A.id);
    await writeFile(join(storeDir(), `${DOC_A.id}.journal`), journal); // as if the truncate never happened
    const { store: reopened, notices } = openStore();
    expect((await reopened.list(DOC_A.id)).map((x) => x.id)).toEqual([a.id]);
    expect(notices.list()).toEqual([]);
  });

  for (const [label, tail] of [
    ['without a newline', '{"op":"put","annotation":{"id":"half'],
    ['that is garbage with a newline', '\0\0\0\0\0\0\n'],
  ] as const) {
    it(`drops a torn last journal line ${label} silently and truncates it away`, async () => {
      const { store } = openStore();
      await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Officials'))]);
      const path = join(storeDir(), `${DOC_A.id}.journal`);
      const good = await readFile(path);
      await appendFile(path, tail);
      const { store: reopened, notices } = openStore();
      expect((await reopened.list(DOC_A.id)).map((a) => a.quote)).toEqual(['Officials']);
      expect(notices.list()).toEqual([]);
      expect(await readFile(path)).toEqual(good);
      expect(await corruptFiles()).toEqual([]);
      await reopened.apply(DOC_A.id, [put(annotate(DOC_A, 'Sunday'))]);
      const { store: third } = openStore();
      expect((await third.list(DOC_A.id)).map((a) => a.quote)).toEqual(['Officials', 'Sunday']);
    });
  }

  it('quarantines a journal damaged in the middle, keeping its readable changes, with a notice', async () => {
    const { store } = openStore();
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Officials'))]);
    const path = join(storeDir(), `${DOC_A.id}.journal`);
    // Damage written from outside: the store itself refuses to append to a file that changed under it.
    await appendFile(path, 'this is not json\n');
    await appendFile(path, serializeOps([{ op: 'put', annotation: annotate(DOC_A, 'Sunday') }]));
    const original = await readFile(path);
    const { store: reopened, notices } = openStore({ describeDocument: () => '“Evacuation report” (report.txt)' });
    expect((await reopened.list(DOC_A.id)).map((a) => a.quote)).toEqual(['Officials', 'Sunday']);
    const [moved] = await corruptFiles();
    expect(moved).toBe(`${DOC_A.id}.journal.corrupt-2026-03-14T10-11-12-345Z`);
    expect(await readFile(join(storeDir(), moved ?? ''))).toEqual(original);
    const [notice] = notices.list();
    expect(notice?.message).toContain('“Evacuation report” (report.txt)');
    expect(notice?.message).toContain('line 2');
    expect(notice?.message).toContain(join(storeDir(), moved ?? ''));
    // the kept changes were made durable in a snapshot
    const { store: third } = openStore();
    expect((await third.list(DOC_A.id)).map((a) => a.quote)).toEqual(['Officials', 'Sunday']);
  });

  const snapshotDamage: [string, (good: string) => string, RegExp][] = [
    ['truncated', (good) => good.slice(0, Math.floor(good.length / 2)), /truncated/],
    ['invalid JSON', () => '{"format": marginalia}', /not valid JSON/],
    ['of the wrong schema', (good) => good.replace('"claim"', '"rumour"'), /does not match the store format: annotations\.0\.type/],
    ['empty', () => '', /empty/],
  ];
  for (const [kind, damage, why] of snapshotDamage) {
    it(`quarantines a ${kind} snapshot, says so, and still loads the other documents`, async () => {
      const { store } = openStore();
      const a = annotate(DOC_A, 'Officials');
      const good = serializeSnapshot(DOC_A.id, [a]);
      const path = join(storeDir(), `${DOC_A.id}.json`);
      await store.apply(DOC_B.id, [put(annotate(DOC_B, 'Tarsk'))]);
      await store.compactNow(DOC_B.id);
      const bad = damage(good);
      await writeFile(path, bad);

      const { store: reopened, notices } = openStore();
      expect(await reopened.list(DOC_A.id)).toEqual([]);
      expect((await reopened.list(DOC_B.id)).map((x) => x.quote)).toEqual(['Tarsk']);
      const moved = await corruptFiles();
      expect(moved).toEqual([`${DOC_A.id}.json.corrupt-2026-03-14T10-11-12-345Z`]);
      expect(await readFile(join(storeDir(), moved[0] ?? ''), 'utf8')).toBe(bad);
      const list = notices.list();
      expect(list).toHaveLength(1);
      expect(list[0]?.message).toMatch(why);
      expect(list[0]?.message).toContain(path);
      expect(list[0]?.message).toContain('nothing was deleted');
      // new work on the document does not touch the quarantined copy
      await reopened.apply(DOC_A.id, [put(a)]);
      await reopened.compactNow(DOC_A.id);
      expect(await readFile(join(storeDir(), moved[0] ?? ''), 'utf8')).toBe(bad);
    });
  }

  it('lists which documents have store files without reading them', async () => {
    const { store } = openStore();
    await store.apply(DOC_B.id, [put(annotate(DOC_B, 'Tarsk'))]);
    expect([...(await store.documentsWithFiles())]).toEqual([DOC_B.id]);
  });

  it('rejects an id that is not a document id (no path tricks)', async () => {
    const { store } = openStore();
    await expect(store.list('../../etc/passwd')).rejects.toThrow(/Not a document id/);
  });

  it('drops least recently used documents from memory and reloads them correctly', async () => {
    const { store } = openStore({ maxCachedDocuments: 1 });
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Officials'))]);
    await store.apply(DOC_B.id, [put(annotate(DOC_B, 'Tarsk'))]);
    await store.apply(DOC_A.id, [put(annotate(DOC_A, 'Sunday'))]);
    expect((await store.list(DOC_A.id)).map((a) => a.quote)).toEqual(['Officials', 'Sunday']);
    expect((await store.list(DOC_B.id)).map((a) => a.quote)).toEqual(['Tarsk']);
  });
});
