import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentContent } from '../../shared/api';
import { type ExportFile, findExportInconsistencies } from '../../shared/export-format';
import publishedSchema from '../../shared/schema/annotations.v2.schema.json';
import { createMarginaliaCore } from './marginalia-core';
import type { MarginaliaCore } from './service-types';
import type { MarginaliaRecord, ReviewRecord, SpanRecord } from '../../shared/model/records';
import { BEN, SAMPLE_CORPUS_DIR, makeTempDir, nextRev, spanRecord, tombstone } from './test-support';
import { RecordStore } from './store/record-store';
import { NoticeBoard } from './notices';

let dataDir: string;
let cleanup: () => Promise<void>;
const cores: MarginaliaCore[] = [];
beforeEach(async () => ({ dir: dataDir, cleanup } = await makeTempDir()));
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await cleanup();
});

const clock = (): Date => new Date('2026-03-14T10:11:12.345Z');

async function newCore(): Promise<MarginaliaCore> {
  const core = await createMarginaliaCore({ dataDir, sampleCorpusDir: SAMPLE_CORPUS_DIR, clock });
  cores.push(core);
  return core;
}

/** Gives the analyst a name, as the first-run dialog does; returns who saves from now on. */
async function nameAnalyst(core: MarginaliaCore, name: string) {
  await core.updateSettings({ analystName: name });
  const { analyst } = await core.getSession();
  if (!analyst) throw new Error('no analyst');
  return analyst;
}

/** Puts records (e.g. another analyst's) straight into the data dir's store, as an import merges them. */
async function seedRecords(docId: string, records: MarginaliaRecord[]): Promise<void> {
  const store = new RecordStore({ dir: join(dataDir, 'records'), notices: new NoticeBoard() });
  await store.apply(docId, records, { mode: 'merge' });
  await store.flush();
}

async function openSample(core: MarginaliaCore): Promise<DocumentContent[]> {
  await core.openInitialCorpus();
  const status = await core.whenLoaded();
  return Promise.all(status.documents.map((d) => core.getDocument(d.id)));
}

function findDoc(docs: DocumentContent[], fileName: string): DocumentContent {
  const doc = docs.find((d) => d.fileName === fileName);
  if (!doc) throw new Error(`${fileName} not loaded`);
  return doc;
}

const validateExport = (() => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(publishedSchema);
})();

describe('MarginaliaCore', () => {
  it('opens the sample corpus on first run, normalized, and remembers it', async () => {
    const core = await newCore();
    const docs = await openSample(core);
    expect(docs.length).toBeGreaterThanOrEqual(3);
    const crlf = findDoc(docs, '03-belomor-port-fire-crlf.txt');
    expect(crlf.text).not.toContain('\r');
    expect(crlf.title).toBe('Fire at Belomor grain terminal: officials and residents give conflicting accounts');
    expect(docs.some((d) => [...d.text].length < d.text.length)).toBe(true); // has non-BMP characters
    expect(docs.some((d) => d.text.includes('\u00a0') && /[“”]/.test(d.text))).toBe(true);
    const session = await core.getSession();
    expect(session.settings.openSources).toEqual([SAMPLE_CORPUS_DIR]);
    expect(session.settings.recentFolders).toEqual([SAMPLE_CORPUS_DIR]);
    expect(session.dataDir).toBe(dataDir);
    expect(session.host).toBe('web');
  });

  it('answers openPaths at once and reports progress until loaded', async () => {
    const core = await newCore();
    const first = await core.openPaths([SAMPLE_CORPUS_DIR], 'replace');
    expect(first.loading).toBe(true);
    const done = await core.whenLoaded();
    expect(done.loading).toBe(false);
    expect(done.done).toBe(done.total);
    expect(done.documents.length).toBe(done.total);
    expect(await core.getCorpusStatus()).toEqual(done);
  });

  it('saves records durably: a new core on the same data folder sees them', async () => {
    const core = await newCore();
    const me = await nameAnalyst(core, 'Ana');
    const docs = await openSample(core);
    const dam = findDoc(docs, '01-veshnaya-dam-breach.txt');
    const column = findDoc(docs, '02-tarsk-armoured-column.md');
    const claim = spanRecord(dam, 'at least 1,200 residents of villages below the dam had been evacuated', { tag: 'claim', creator: me });
    const source = spanRecord(dam, 'Irina Volkova', { tag: 'source', creator: me });
    const pin = spanRecord(column, '📍', { tag: 'place', creator: me });
    const ack = await core.saveRecords(dam.id, [claim, source]);
    expect(ack).toEqual({ docId: dam.id, savedAt: '2026-03-14T10:11:12.345Z', counts: { claim: 1, source: 1, figure: 0, place: 0 }, revs: { [claim.id]: 1, [source.id]: 1 } });
    await core.saveRecords(dam.id, [nextRev(claim, { note: 'Compare with governor’s figure' }), tombstone(source)]);
    await core.saveRecords(column.id, [pin]);
    await core.close();

    const reopened = await newCore();
    await reopened.openInitialCorpus();
    const status = await reopened.whenLoaded();
    expect(status.documents.find((d) => d.id === dam.id)?.counts).toEqual({ claim: 1, source: 0, figure: 0, place: 0 });
    expect(status.documents.find((d) => d.id === column.id)?.counts.place).toBe(1);
    expect(await reopened.listRecords(dam.id)).toEqual([nextRev(claim, { note: 'Compare with governor’s figure' })]);
    expect((await reopened.getSession()).analyst).toEqual(me);
  });

  it('refuses a bad batch with messages naming the record, and stores nothing from it', async () => {
    const core = await newCore();
    const me = await nameAnalyst(core, 'Ana');
    const docs = await openSample(core);
    const doc = findDoc(docs, '02-tarsk-armoured-column.md');
    const good = spanRecord(doc, 'up to 30 armoured vehicles', { tag: 'figure', creator: me });
    await core.saveRecords(doc.id, [good]);
    const journalPath = join(dataDir, 'records', `${doc.id}.journal`);
    const journalBefore = await readFile(journalPath);

    const pinAt = doc.text.indexOf('📍');
    const retarget = (id: string, target: Partial<SpanRecord['target']>): SpanRecord => ({ ...good, id, rev: 1, target: { ...good.target, ...target } });
    const cases: [string, MarginaliaRecord, RegExp][] = [
      ['beyond', retarget('far', { start: doc.text.length - 2, end: doc.text.length + 3, quote: 'xxxxx' }), /annotation far: end \d+ is beyond the end of the text/],
      ['mismatch', { ...spanRecord(doc, 'Tarsk', { id: 'wrongquote', creator: me }), target: { ...spanRecord(doc, 'Tarsk').target, quote: 'Tursk' } }, /annotation wrongquote: quote "Tursk" does not match the text at \d+-\d+, which is "Tarsk"/],
      ['split pair', retarget('halfpin', { start: pinAt + 1, end: pinAt + 3, quote: doc.text.slice(pinAt + 1, pinAt + 3), prefix: '', suffix: '' }), /annotation halfpin: start \d+ splits a character/],
      ['wrong doc', retarget('otherdoc', { docId: 'b'.repeat(64) }), /annotation otherdoc: it belongs to document b{64}/],
      ['prefix', retarget('badprefix', { prefix: 'nonsense' }), /annotation badprefix: prefix "nonsense" is not the text just before the quote/],
      ['dangling review', { kind: 'review', id: 'rv', creator: me, rev: 1, createdAt: good.createdAt, updatedAt: good.updatedAt, target: { docId: doc.id, spanId: 'nothing' }, decision: 'accept' }, /review rv: it points at annotation nothing, which is not in this document/],
      ['own review', { kind: 'review', id: 'rv2', creator: me, rev: 1, createdAt: good.createdAt, updatedAt: good.updatedAt, target: { docId: doc.id, spanId: good.id }, decision: 'accept' }, /review rv2: a review decides on another analyst’s annotation/],
    ];
    for (const [, bad, message] of cases) {
      const error = await core.saveRecords(doc.id, [spanRecord(doc, 'NorthWatch', { creator: me }), bad]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^Changes to “Geolocated videos place armoured column near Tarsk border crossing” \(02-tarsk-armoured-column\.md\) were not saved: /);
      expect((error as Error).message).toMatch(message);
    }
    await expect(core.saveRecords('c'.repeat(64), [good])).rejects.toThrow(/Cannot save annotations: no open document has id c{64}/);
    expect(await core.listRecords(doc.id)).toEqual([good]);
    expect(await readFile(journalPath)).toEqual(journalBefore);
  });

  it('only a record’s creator may change it: another creator’s span is refused, nothing is written', async () => {
    const first = await newCore();
    await nameAnalyst(first, 'Ana');
    const doc = findDoc(await openSample(first), '02-tarsk-armoured-column.md');
    await first.close();
    // Ben's span arrived by import: stored as his, with his creator.
    const bens = spanRecord(doc, 'Tarsk', { tag: 'place', creator: BEN });
    await seedRecords(doc.id, [bens]);
    const core = await newCore();
    const me = await nameAnalyst(core, 'Ana');
    await openSample(core);
    const journalPath = join(dataDir, 'records', `${doc.id}.journal`);
    const before = await readFile(journalPath);
    for (const attempt of [nextRev(bens, { note: 'Ana edits Ben' }), tombstone(bens), nextRev(bens, { creator: me, note: 'claims it' })]) {
      const error = await core.saveRecords(doc.id, [attempt]).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 422 });
      expect((error as Error).message).toContain(`annotation ${bens.id}: it is Ben’s; only its creator can change it`);
    }
    // Making a record in someone else's name is refused too.
    const forged = spanRecord(doc, 'up to 30 armoured vehicles', { creator: BEN });
    await expect(core.saveRecords(doc.id, [forged])).rejects.toThrow(/names Ben as its creator, but you are saving it/);
    expect(await readFile(journalPath)).toEqual(before);
    expect(await core.listRecords(doc.id)).toEqual([bens]);
    // Ana's decision about it is her own record, and is taken.
    const decision: ReviewRecord = { kind: 'review', id: 'rv-ana', creator: me, rev: 1, createdAt: bens.createdAt, updatedAt: bens.createdAt, target: { docId: doc.id, spanId: bens.id }, decision: 'reject', reason: 'Tarsk is where the video was filmed' };
    await core.saveRecords(doc.id, [decision]);
    expect(await core.listRecords(doc.id)).toEqual(expect.arrayContaining([bens, decision]));
  });

  it('refuses a record that is not the next revision (409, naming it) and writes nothing of its batch', async () => {
    const core = await newCore();
    const me = await nameAnalyst(core, 'Ana');
    const doc = findDoc(await openSample(core), '02-tarsk-armoured-column.md');
    const figure = spanRecord(doc, 'up to 30 armoured vehicles', { tag: 'figure', creator: me });
    expect((await core.saveRecords(doc.id, [figure])).revs).toEqual({ [figure.id]: 1 });
    // Window 1 adds a note as revision 2; window 2, still on revision 1, retags.
    await core.saveRecords(doc.id, [nextRev(figure, { note: 'from window 1' })]);
    const journalPath = join(dataDir, 'records', `${doc.id}.journal`);
    const journalBefore = await readFile(journalPath);
    const other = spanRecord(doc, 'Tarsk', { tag: 'place', creator: me });
    const stale = await core.saveRecords(doc.id, [other, nextRev(figure, { tag: 'claim' })]).catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 409, conflicts: [figure.id] });
    expect((stale as Error).message).toBe('Not saved: “up to 30 armoured vehicles” was changed in another window since this one loaded it. The current version is shown now.');
    expect(await readFile(journalPath)).toEqual(journalBefore);
    expect(await core.listRecords(doc.id)).toEqual([nextRev(figure, { note: 'from window 1' })]);
    // A delete on an old revision, and a "new" record that already exists, are refused the same way.
    await expect(core.saveRecords(doc.id, [tombstone(figure)])).rejects.toMatchObject({ status: 409 });
    await expect(core.saveRecords(doc.id, [figure])).rejects.toThrow(/already exists/);
    // The next revision goes through; after it, an edit on the deleted record is refused.
    const deleted = tombstone(nextRev(figure));
    expect((await core.saveRecords(doc.id, [deleted])).revs).toEqual({ [figure.id]: 3 });
    await expect(core.saveRecords(doc.id, [nextRev(nextRev(figure), { note: 'late' })])).rejects.toThrow(/was deleted/);
  });

  it('builds exports that pass the published schema and every quote check', async () => {
    const core = await newCore();
    const me = await nameAnalyst(core, 'Ada Analyst');
    const docs = await openSample(core);
    for (const doc of docs) {
      const first = doc.text.split('\n')[0] ?? '';
      const spans = [spanRecord(doc, first.slice(0, 12).trim(), { tag: 'claim', creator: me })];
      const nonBmp = [...doc.text].find((c) => c.length === 2);
      if (nonBmp) spans.push(spanRecord(doc, nonBmp, { tag: 'place', creator: me }));
      const end = doc.text.trimEnd().length;
      spans.push(spanRecord(doc, doc.text.slice(end - 5, end), { tag: 'figure', creator: me, occurrence: occurrencesBefore(doc.text, doc.text.slice(end - 5, end), end - 5) }));
      await core.saveRecords(doc.id, spans);
    }
    const all = await core.buildExport({ scope: 'all', includeText: true });
    expect(all.fileName).toBe('marginalia-all-documents-2026-03-14.json'.replace('2026-03-14', localDay()));
    expect(all.documents).toBe(docs.length);
    const file = JSON.parse(all.content) as ExportFile;
    expect(validateExport(file)).toBe(true);
    expect(findExportInconsistencies(file)).toEqual([]);
    expect(file.exportedBy).toBe('Ada Analyst');
    expect(all.annotations).toBe(file.documents.reduce((n, d) => n + d.annotations.length, 0));

    const dam = findDoc(docs, '01-veshnaya-dam-breach.txt');
    const one = await core.buildExport({ scope: 'document', docId: dam.id, includeText: false });
    expect(one.fileName).toBe(`marginalia-satellite-images-show-breach-in-veshnaya-reservoir-dam-${localDay()}.json`);
    const single = JSON.parse(one.content) as ExportFile;
    expect(validateExport(single)).toBe(true);
    expect(single.documents.map((d) => d.id)).toEqual([dam.id]);
    expect(single.documents[0]).not.toHaveProperty('text');
    await expect(core.buildExport({ scope: 'document', includeText: true })).rejects.toThrow(/needs its document id/);
  });

  it('uses "unknown" as the exporter before the analyst has given a name', async () => {
    const core = await newCore();
    await openSample(core);
    const built = await core.buildExport({ scope: 'all', includeText: false });
    expect(JSON.parse(built.content).exportedBy).toBe('unknown');
  });

  it('lists a missing path as skipped with a notice instead of failing', async () => {
    const core = await newCore();
    const missing = join(dataDir, 'no-such-folder');
    await core.openPaths([missing, SAMPLE_CORPUS_DIR], 'replace');
    const status = await core.whenLoaded();
    expect(status.skipped).toContainEqual({ path: missing, reason: 'not found' });
    expect(status.documents.length).toBeGreaterThan(0);
    const { notices, settings } = await core.getSession();
    expect(notices.map((n) => n.message)).toContainEqual(`Could not open ${missing}: not found.`);
    expect(settings.openSources).toEqual([SAMPLE_CORPUS_DIR]);
    await core.dismissNotice(notices[0]?.id ?? '');
    expect((await core.getSession()).notices).toEqual([]);
  });


  it('refuses to open only missing paths, and keeps the open corpus as it was', async () => {
    const core = await newCore();
    await openSample(core);
    const before = await core.getCorpusStatus();
    const typo = join(dataDir, 'articels');
    await expect(core.openPaths([typo], 'replace')).rejects.toThrow(`Could not open ${typo}: no such folder or file`);
    const after = await core.whenLoaded();
    expect(after.documents.map((d) => d.id)).toEqual(before.documents.map((d) => d.id));
    expect((await core.getSession()).settings.openSources).toEqual([SAMPLE_CORPUS_DIR]);
  });
  it('adds folders to the open corpus without duplicating documents', async () => {
    const core = await newCore();
    const docs = await openSample(core);
    const extra = join(dataDir, 'extra');
    await mkdir(extra);
    await writeFile(join(extra, 'new.txt'), 'A new report\nAbout 15 km from Tarsk.');
    await writeFile(join(extra, 'copy.txt'), findDoc(docs, '04-orlin-market-casualties.txt').text);
    await core.openPaths([extra], 'add');
    const added = await core.whenLoaded();
    expect(added.documents).toHaveLength(docs.length + 1);
    expect(added.skipped).toEqual([{ path: 'copy.txt', reason: 'same text as 04-orlin-market-casualties.txt' }]);
    await core.openPaths([SAMPLE_CORPUS_DIR], 'add'); // already open: nothing new, nothing skipped
    const again = await core.whenLoaded();
    expect(again.documents).toHaveLength(docs.length + 1);
    expect(again.skipped).toHaveLength(1);
    const { settings } = await core.getSession();
    expect(settings.openSources).toEqual([SAMPLE_CORPUS_DIR, extra]);
    expect(settings.recentFolders).toEqual([SAMPLE_CORPUS_DIR, extra]);
  });

  it('saves uploaded files into the data folder and loads them again at the next start', async () => {
    const core = await newCore();
    await openSample(core);
    const upload = (name: string, text: string | Buffer) => ({ name, base64: Buffer.from(text).toString('base64') });
    const status = await core.addFiles([
      upload('../Field notes: Orlin?.txt', 'Field notes\r\nShelling reported near Orlin.'),
      upload('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
      upload('copy.txt', 'Field notes\nShelling reported near Orlin.'),
    ]);
    const added = status.documents.find((d) => d.title === 'Field notes');
    expect(added).toMatchObject({ fileName: 'Field notes_ Orlin_.txt', path: 'uploaded/Field notes_ Orlin_.txt' });
    expect(status.skipped).toContainEqual({ path: 'photo.txt', reason: 'binary file (PNG image)' });
    expect(status.skipped).toContainEqual({ path: 'copy.txt', reason: 'same text as uploaded/Field notes_ Orlin_.txt' });
    expect(await readdir(join(dataDir, 'documents'))).toEqual(['Field notes_ Orlin_.txt']);
    await core.close();

    const reopened = await newCore();
    await reopened.openInitialCorpus([SAMPLE_CORPUS_DIR]);
    const again = await reopened.whenLoaded();
    expect(again.documents.find((d) => d.id === added?.id)?.path).toBe('uploaded/Field notes_ Orlin_.txt');
  });

  it('names the document in the notice when its annotations file is quarantined', async () => {
    const core = await newCore();
    const docs = await openSample(core);
    const doc = findDoc(docs, '04-orlin-market-casualties.txt');
    await mkdir(join(dataDir, 'records'), { recursive: true });
    await writeFile(join(dataDir, 'records', `${doc.id}.json`), '{"format":"marginalia/records",');
    await core.close();
    const reopened = await newCore();
    await reopened.openInitialCorpus();
    await reopened.whenLoaded();
    const [notice] = (await reopened.getSession()).notices;
    expect(notice?.message).toContain(`“${doc.title}” (04-orlin-market-casualties.txt)`);
    expect(notice?.message).toContain('truncated');
    expect(await reopened.listRecords(doc.id)).toEqual([]);
  });

  it('refuses to save after close', async () => {
    const core = await newCore();
    const docs = await openSample(core);
    const doc = findDoc(docs, '01-veshnaya-dam-breach.txt');
    await core.close();
    await expect(core.saveRecords(doc.id, [spanRecord(doc, 'Lena Marsh')])).rejects.toThrow(/closing/);
  });
});

/** How many times `quote` occurs before `at` (to pick that occurrence with spanRecord). */
function occurrencesBefore(text: string, quote: string, at: number): number {
  let n = 0;
  for (let i = text.indexOf(quote); i !== -1 && i < at; i = text.indexOf(quote, i + 1)) n++;
  return n;
}

function localDay(): string {
  const at = clock();
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}
