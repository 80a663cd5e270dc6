import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangesEvent } from '../../shared/api/events';
import type { ExportFile, ExportFileV1 } from '../../shared/export-format';
import { type SpanRecord, legacyCreator } from '../../shared/model/records';
import { type Analyst, docByFile, failureOf, hashTree, openAnalyst, recordById, recordsOf, review, saveStep, spanBy } from './import-test-support';
import { mergeRecord } from './import-plan';
import { SAMPLE_CORPUS_DIR, makeTempDir, spanRecord } from './test-support';

let root: string;
let cleanup: () => Promise<void>;
const open: Analyst[] = [];
beforeEach(async () => ({ dir: root, cleanup } = await makeTempDir('marginalia-import-')));
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.core.close()));
  await cleanup();
});

async function analyst(name: string, paths?: string[], folder = name): Promise<Analyst> {
  const a = await openAnalyst(name, join(root, folder), paths);
  open.push(a);
  return a;
}

async function closeAnalyst(a: Analyst): Promise<void> {
  open.splice(open.indexOf(a), 1);
  await a.core.close();
}

const DAM = '01-veshnaya-dam-breach.txt';
const COLUMN = '02-tarsk-armoured-column.md';
const LATER = '2026-03-15T08:00:00.000Z';

/** Ben tags a few spans in two articles (one with non-BMP text) and exports everything. */
async function bensExport(options: { includeText?: boolean; version?: 2 | 1.1 } = {}): Promise<{ ben: Analyst; content: string }> {
  const ben = await analyst('Ben');
  const dam = docByFile(ben, DAM);
  const column = docByFile(ben, COLUMN);
  await ben.core.saveRecords(dam.id, [
    spanBy(ben, dam, 'at least 1,200 residents', { id: 'b-dam-1', tag: 'figure' }),
    spanBy(ben, dam, 'Irina Volkova', { id: 'b-dam-2', tag: 'source' }),
    spanBy(ben, dam, 'Lesnaya Polyana', { id: 'b-dam-3', tag: 'place' }),
  ]);
  await ben.core.saveRecords(column.id, [
    spanBy(ben, column, 'up to 30 armoured vehicles', { id: 'b-col-1', tag: 'figure' }),
    spanBy(ben, column, '𝑚𝑒𝑑𝑖𝑢𝑚', { id: 'b-col-2', tag: 'claim' }),
  ]);
  const built = await ben.core.buildExport({ scope: 'all', includeText: options.includeText ?? true, version: options.version ?? 2 });
  return { ben, content: built.content };
}

/** A copy of an export with `change` applied. */
function edited<F>(content: string, change: (file: F) => void): string {
  const file = JSON.parse(content) as F;
  change(file);
  return JSON.stringify(file, null, 2);
}

function damOf(file: ExportFile): ExportFile['documents'][number] {
  const doc = file.documents.find((d) => d.fileName === DAM);
  if (!doc) throw new Error('no dam');
  return doc;
}

function spanIn(doc: ExportFile['documents'][number], id: string) {
  const span = doc.annotations.find((a) => a.id === id);
  if (!span) throw new Error(`no ${id}`);
  return span;
}

describe('importAnnotations (version 2)', () => {
  it('imports another analyst’s export by document id with its creators and revisions, and a second import changes nothing', async () => {
    const { ben, content } = await bensExport();
    const ana = await analyst('Ana');
    const batches: ChangesEvent[] = [];
    ana.core.onEvent((event) => {
      if (event.type === 'changes') batches.push(event);
    });
    const first = await ana.core.importAnnotations(content, 'ben.json');
    expect(first).toMatchObject({
      version: 2,
      exportedBy: 'Ben',
      documentsMatched: 4,
      documentsAdded: 0,
      documentsReanchored: 0,
      annotationsAdded: 5,
      annotationsUpdated: 0,
      unchanged: 0,
      orphans: [],
      warnings: [],
      authors: [ben.me],
      recordCounts: { span: { added: 5, updated: 0, unchanged: 0 }, review: { added: 0, updated: 0, unchanged: 0 }, comment: { added: 0, updated: 0, unchanged: 0 } },
    });
    const dam = docByFile(ana, DAM);
    const spans = await recordsOf(ana, dam.id, 'span');
    expect(spans.map((s) => [s.id, s.creator, s.rev, dam.text.slice(s.target.start, s.target.end)])).toEqual([
      ['b-dam-1', ben.me, 1, 'at least 1,200 residents'],
      ['b-dam-2', ben.me, 1, 'Irina Volkova'],
      ['b-dam-3', ben.me, 1, 'Lesnaya Polyana'],
    ]);
    // exactly Ben's records, UTF-16 offsets included (the column has non-BMP text before its spans)
    const column = docByFile(ana, COLUMN);
    expect(await recordsOf(ana, column.id, 'span')).toEqual(await recordsOf(ben, docByFile(ben, COLUMN).id, 'span'));
    // one batch per document, announced as an import of that file
    expect(batches.map((b) => [b.docId, b.origin, b.records.length]).sort()).toEqual(
      [
        [dam.id, { kind: 'import', source: 'ben.json' }, 3],
        [column.id, { kind: 'import', source: 'ben.json' }, 2],
      ].sort(),
    );

    await closeAnalyst(ana);
    const before = await hashTree(ana.dataDir);
    const again = await analyst('Ana');
    const second = await again.core.importAnnotations(content, 'ben.json');
    expect(second).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, unchanged: 5, orphans: [], warnings: [] });
    await closeAnalyst(again);
    expect(await hashTree(again.dataDir)).toEqual(before);
  });

  it('takes the creator’s later revision, and an older file cannot undo it', async () => {
    const { ben, content: oldExport } = await bensExport();
    const ana = await analyst('Ana');
    await ana.core.importAnnotations(oldExport);
    const dam = docByFile(ben, DAM);
    const figure = (await recordById(ben, dam.id, 'b-dam-1')) as SpanRecord;
    await saveStep(ben, dam.id, [{ ...figure, note: 'checked against the briefing', updatedAt: LATER }]);
    const newExport = (await ben.core.buildExport({ scope: 'all', includeText: false })).content;
    expect(await ana.core.importAnnotations(newExport)).toMatchObject({ annotationsUpdated: 1, unchanged: 4, warnings: [] });
    expect(await recordById(ana, dam.id, 'b-dam-1')).toMatchObject({ rev: 2, note: 'checked against the briefing', creator: ben.me });
    expect(await ana.core.importAnnotations(oldExport)).toMatchObject({ annotationsUpdated: 0, unchanged: 5, warnings: [] });
    expect(await recordById(ana, dam.id, 'b-dam-1')).toMatchObject({ rev: 2, note: 'checked against the briefing' });
    // a deletion is a later revision too: it travels as the absence of the span, so nothing is undone
    await saveStep(ben, dam.id, [{ ...(await recordById(ben, dam.id, 'b-dam-2')), deleted: true }]);
    const afterDelete = JSON.parse((await ben.core.buildExport({ scope: 'all', includeText: false })).content) as ExportFile;
    expect(damOf(afterDelete).annotations.map((a) => a.id)).toEqual(['b-dam-1', 'b-dam-3']);
  });

  it('keeps the version here, with a warning, when the file has the same revision with other content', async () => {
    const { content } = await bensExport();
    const ana = await analyst('Ana');
    await ana.core.importAnnotations(content);
    const diverged = edited<ExportFile>(content, (f) => {
      spanIn(damOf(f), 'b-dam-2').note = 'changed on another copy';
    });
    const dam = docByFile(ana, DAM);
    const before = await recordById(ana, dam.id, 'b-dam-2');
    const result = await ana.core.importAnnotations(diverged, 'diverged.json');
    expect(result).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, unchanged: 5 });
    expect(result.warnings).toEqual([expect.stringMatching(/^documents\[\d\]\.annotations\[1\] \(id b-dam-2\): the file has another version with the same revision .*; the version here was kept$/)]);
    expect(await recordById(ana, dam.id, 'b-dam-2')).toEqual(before);
  });

  it('never changes the local analyst’s records, except by their own later revision (their other machine)', async () => {
    const ana = await analyst('Ana');
    const dam = docByFile(ana, DAM);
    const mine = spanBy(ana, dam, 'Lena Marsh', { id: 'a-1', tag: 'source' });
    await ana.core.saveRecords(dam.id, [mine]);
    const exported = (await ana.core.buildExport({ scope: 'document', docId: dam.id, includeText: false })).content;
    const theirs = { id: 'someone-else', name: 'Mallory', kind: 'person' as const };

    // another creator claims the same id with a higher revision
    const claimed = edited<ExportFile>(exported, (f) => {
      Object.assign(spanIn(damOf(f), 'a-1'), { creator: theirs, author: 'Mallory', rev: 9, note: 'mine now', updatedAt: LATER });
    });
    const refused = await ana.core.importAnnotations(claimed, 'claimed.json');
    expect(refused).toMatchObject({ annotationsUpdated: 0, unchanged: 1 });
    expect(refused.warnings).toEqual([expect.stringMatching(/\(id a-1\): it is Ana’s here but Mallory’s in the file .* the one here was kept/)]);
    // a 1.1 file names Ana only by name: never her, even with a later updatedAt
    const legacy = edited<ExportFileV1>((await ana.core.buildExport({ scope: 'document', docId: dam.id, includeText: false, version: 1.1 })).content, (f) => {
      Object.assign(f.documents[0]?.annotations[0] ?? {}, { note: 'from a 1.1 file', updatedAt: LATER });
    });
    const byName = await ana.core.importAnnotations(legacy, 'legacy.json');
    expect(byName).toMatchObject({ annotationsUpdated: 0, unchanged: 1 });
    expect(byName.warnings).toEqual([expect.stringMatching(/\(id a-1\): it is yours, and the file has a later version of it under the name “Ana”.*yours was kept/)]);
    expect(await recordById(ana, dam.id, 'a-1')).toEqual(mine);

    // the same creator with a later revision: her other machine
    const otherMachine = edited<ExportFile>(exported, (f) => {
      Object.assign(spanIn(damOf(f), 'a-1'), { rev: 2, note: 'from my laptop', updatedAt: LATER });
    });
    expect(await ana.core.importAnnotations(otherMachine)).toMatchObject({ annotationsUpdated: 1, warnings: [] });
    expect(await recordById(ana, dam.id, 'a-1')).toEqual({ ...mine, rev: 2, note: 'from my laptop', updatedAt: LATER });
  });

  it('adds a missing document from the text in the file, and keeps it after a restart', async () => {
    const { content } = await bensExport();
    const empty = join(root, 'empty-folder');
    await mkdir(empty);
    const ana = await analyst('Ana', [empty]);
    const result = await ana.core.importAnnotations(content);
    expect(result).toMatchObject({ documentsAdded: 4, documentsMatched: 0, annotationsAdded: 5 });
    expect((await readdir(join(ana.dataDir, 'documents'))).sort()).toEqual([
      '01-veshnaya-dam-breach.txt',
      '02-tarsk-armoured-column.md',
      '03-belomor-port-fire-crlf.txt',
      '04-orlin-market-casualties.txt',
    ]);
    await closeAnalyst(ana);
    const restarted = await analyst('Ana', [empty]);
    const dam = restarted.docs.find((d) => d.fileName === DAM);
    expect(dam && (await recordsOf(restarted, dam.id, 'span')).map((a) => a.id)).toEqual(['b-dam-1', 'b-dam-2', 'b-dam-3']);
  });

  it('re-anchors into a near-identical copy of an article, keeps what it cannot place as orphans, and leaves out reviews of orphans', async () => {
    const ben = await analyst('Ben');
    const bensDam = docByFile(ben, DAM);
    await ben.core.saveRecords(bensDam.id, [
      spanBy(ben, bensDam, 'at least 1,200 residents', { id: 'b-dam-1', tag: 'figure' }),
      spanBy(ben, bensDam, 'Irina Volkova', { id: 'b-dam-2', tag: 'source' }),
      spanBy(ben, bensDam, 'Lesnaya Polyana', { id: 'b-dam-3', tag: 'place' }),
    ]);
    const carl = await analyst('Carl');
    await carl.core.importAnnotations((await ben.core.buildExport({ scope: 'all', includeText: false })).content);
    await review(carl, bensDam.id, 'b-dam-2', { comment: 'Which office?' }, LATER);
    await review(carl, bensDam.id, 'b-dam-3', { reject: 'not a place name' }, LATER);
    await review(carl, bensDam.id, 'b-dam-3', { comment: 'Polyana is a village' }, LATER);
    const content = (await carl.core.buildExport({ scope: 'all', includeText: false })).content;

    const original = await readFile(join(SAMPLE_CORPUS_DIR, DAM), 'utf8');
    const changed = original
      .replace('KRASNOVETS —', 'KRASNOVETS (Updated 16 March) —') // insertion before the spans
      .replace('Irina Volkova, a spokeswoman', 'Irina  Volkova, a spokeswoman') // changed whitespace in a quote
      .replace('Flooding has reached the outskirts of Lesnaya Polyana, about', 'Flooding has reached villages about'); // quote removed
    const folder = join(root, 'anas-copy');
    await mkdir(folder);
    await writeFile(join(folder, DAM), changed);
    const ana = await analyst('Ana', [folder]);
    const result = await ana.core.importAnnotations(content, 'carl-no-text.json');
    expect(result).toMatchObject({ documentsReanchored: 1, documentsUnmatched: 3, annotationsAdded: 2, annotationsReanchored: 2 });
    expect(result.recordCounts.comment).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(result.recordCounts.review).toEqual({ added: 0, updated: 0, unchanged: 0 });
    const [anasDam] = ana.docs;
    if (!anasDam) throw new Error('not loaded');
    const placed = await recordsOf(ana, anasDam.id, 'span');
    expect(placed.map((a) => [a.id, anasDam.text.slice(a.target.start, a.target.end), a.target.quote, a.creator])).toEqual([
      ['b-dam-1', 'at least 1,200 residents', 'at least 1,200 residents', ben.me],
      ['b-dam-2', 'Irina  Volkova', 'Irina  Volkova', ben.me],
    ]);
    expect((await recordsOf(ana, anasDam.id, 'comment')).map((c) => [c.target, c.text, c.creator])).toEqual([[{ docId: anasDam.id, spanId: 'b-dam-2' }, 'Which office?', carl.me]]);
    const warnings = result.warnings.join('\n');
    expect(result.placedByMatch).toEqual([
      { docId: anasDam.id, spanId: 'b-dam-1', method: 'context', score: 1 },
      { docId: anasDam.id, spanId: 'b-dam-2', method: 'fuzzy', score: expect.any(Number) },
    ]);
    expect(warnings).not.toMatch(/placed by/);
    expect(warnings).toMatch(/documents\[0\]: 1 review and 1 comment on annotations that could not be placed were not imported/);
    expect(result.orphans.map((o) => o.annotation.id).sort()).toEqual(['b-dam-3']);
    expect(result.orphans[0]?.annotation).toMatchObject({ id: 'b-dam-3', author: 'Ben', creator: ben.me, rev: 1 });
    expect(result.orphans[0]?.reason).toMatch(/^the quote was not found in the open copy \(01-veshnaya-dam-breach\.txt\)/);
    expect(result.orphansFile).toBe(join(ana.dataDir, 'imports', `${result.importId}.orphans.json`));
    expect(await ana.core.listImportOrphans()).toEqual([{ importId: result.importId, sourceName: 'carl-no-text.json', exportedBy: 'Carl', exportedAt: result.exportedAt, orphans: result.orphans }]);
  });

  it('rejects a bad file with the path of each problem, and changes nothing', async () => {
    const { ben, content } = await bensExport();
    const ana = await analyst('Ana');
    const dam = docByFile(ana, DAM);
    await ana.core.saveRecords(dam.id, [spanBy(ana, dam, 'Lena Marsh', { id: 'a-1', tag: 'source' })]);
    await ana.core.importAnnotations(content);
    await review(ana, dam.id, 'b-dam-1', { reject: 'rounded figure' }, LATER);
    await review(ana, dam.id, 'b-dam-1', { comment: 'see the briefing' }, LATER);
    const withRecords = (await ana.core.buildExport({ scope: 'all', includeText: true })).content;
    const carl = await analyst('Carl');
    const before = await hashTree(carl.dataDir);
    const d = (JSON.parse(withRecords) as ExportFile).documents.findIndex((x) => x.fileName === DAM);
    const mutate = (change: (doc: ExportFile['documents'][number]) => void): string => edited<ExportFile>(withRecords, (f) => change(f.documents[d] as ExportFile['documents'][number]));
    const cases: [string, RegExp][] = [
      [mutate((x) => { const a = x.annotations[1]; if (a) a.end = a.start; }), new RegExp(`documents\\[${d}\\]\\.annotations\\[1\\]\\.end \\(id b-dam-2\\): end \\d+ must be greater than start`)],
      [mutate((x) => { const a = x.annotations[0]; if (a) a.quote = 'at most 1,200 residents'; }), /annotations\[0\]\.quote \(id b-dam-1\): quote does not match the text/],
      [mutate((x) => { x.text = `${x.text ?? ''}!`; }), /length .* does not match its text/],
      [mutate((x) => { x.text = `${x.text ?? ''}!`; x.length += 1; }), /documents\[\d\]\.text: its SHA-256 .* does not equal the document id/],
      [mutate((x) => { const a = x.annotations[3]; if (a) a.end = 10_000_000; }), /annotations\[3\]\.end \(id b-dam-3\): end 10000000 is beyond the document length/],
      [mutate((x) => { const a = x.annotations[3]; if (a) a.author = 'Benjamin'; }), /annotations\[3\]\.author \(id b-dam-3\): "Benjamin" is not the name of its creator \("Ben"\)/],
      [mutate((x) => { const r = x.reviews?.[0]; if (r) r.spanId = 'b-gone'; }), /reviews\[0\]\.spanId \(id [\w-]+\): no annotation with id "b-gone" in this document/],
      [mutate((x) => { const r = x.reviews?.[0]; if (r) r.creator = ben.me; }), /reviews\[0\]\.creator \(id [\w-]+\): Ben cannot review their own annotation/],
      [mutate((x) => { const r = x.reviews?.[0]; if (r) delete r.reason; }), /reviews\[0\]\.reason: a rejection needs a reason/],
      [mutate((x) => { const c = x.comments?.[0]; if (c) c.text = '  '; }), /comments\[0\]\.text: must not be blank/],
      [mutate((x) => { const c = x.comments?.[0]; if (c) (c as { creator: unknown }).creator = { id: 'x', name: 'X' }; }), /comments\[0\]\.creator\.kind: /],
      [mutate((x) => { const s = x.annotations[0]; if (s) s.rev = 0; }), /annotations\[0\]\.rev: /],
      [withRecords.slice(0, withRecords.length / 2), /truncated/],
    ];
    for (const [bad, expected] of cases) {
      const message = await failureOf(carl.core.importAnnotations(bad, 'bad.json'));
      expect(message).toMatch(/^“bad\.json” was not imported, and nothing was changed: /);
      expect(message).toMatch(expected);
    }
    expect(await hashTree(carl.dataDir)).toEqual(before);
    // the unbroken file imports
    expect(await carl.core.importAnnotations(withRecords)).toMatchObject({ annotationsAdded: 6, recordCounts: { review: { added: 1 }, comment: { added: 1 } } });
  });
});

describe('importAnnotations (versions 1 and 1.1)', () => {
  /** A 1.1 file in the words of the old exporter: annotations with authors, a review folded in. */
  async function legacyFile(from: Analyst, change: (f: ExportFileV1) => void = () => undefined): Promise<string> {
    return edited<ExportFileV1>((await from.core.buildExport({ scope: 'document', docId: docByFile(from, DAM).id, includeText: false, version: 1.1 })).content, change);
  }

  it('gives the authors of a 1 / 1.1 file a layer of their own by name, never the local analyst’s, even with the same name', async () => {
    const { content } = await bensExport({ version: 1.1 });
    expect(JSON.parse(content)).toMatchObject({ version: 1.1 });
    const otherBen = await analyst('Ben', undefined, 'another-ben');
    const result = await otherBen.core.importAnnotations(content, 'ben-1.1.json');
    expect(result).toMatchObject({ version: 1.1, annotationsAdded: 5, authors: [legacyCreator('Ben')] });
    const dam = docByFile(otherBen, DAM);
    const spans = await recordsOf(otherBen, dam.id, 'span');
    expect(spans.map((s) => [s.id, s.creator, s.rev])).toEqual([
      ['b-dam-1', legacyCreator('Ben'), 1],
      ['b-dam-2', legacyCreator('Ben'), 1],
      ['b-dam-3', legacyCreator('Ben'), 1],
    ]);
    expect(spans.every((s) => s.creator.id !== otherBen.me.id)).toBe(true);
    // again: unchanged; a newer updatedAt (no revs in 1.1) is taken as the next revision here
    expect(await otherBen.core.importAnnotations(content)).toMatchObject({ annotationsAdded: 0, unchanged: 5, warnings: [] });
    const newer = edited<ExportFileV1>(content, (f) => {
      Object.assign(f.documents.find((x) => x.fileName === DAM)?.annotations[0] ?? {}, { note: 'updated', updatedAt: LATER });
    });
    expect(await otherBen.core.importAnnotations(newer)).toMatchObject({ annotationsUpdated: 1, unchanged: 4 });
    expect(await recordById(otherBen, dam.id, 'b-dam-1')).toMatchObject({ rev: 2, note: 'updated', creator: legacyCreator('Ben') });
    expect(await otherBen.core.importAnnotations(content)).toMatchObject({ annotationsUpdated: 0, unchanged: 5 });
    expect(await recordById(otherBen, dam.id, 'b-dam-1')).toMatchObject({ rev: 2, note: 'updated' });
  });

  it('reads a record that came back under its author’s name as the same record (legacy alias), keeping its real creator', async () => {
    const { ben, content } = await bensExport();
    // Carl got Ben's spans from Ben's export and reviewed them; Carl's older Marginalia writes 1.1.
    const carl = await analyst('Carl');
    await carl.core.importAnnotations(content);
    const dam = docByFile(carl, DAM);
    await review(carl, dam.id, 'b-dam-2', { reject: 'the source is the service' }, LATER);
    await review(carl, dam.id, 'b-dam-3', { accept: true }, LATER);
    const fromCarl = await legacyFile(carl);
    const annotations = (JSON.parse(fromCarl) as ExportFileV1).documents[0]?.annotations ?? [];
    expect(annotations.filter((a) => a.author === 'Ben').map((a) => a.id)).toEqual(['b-dam-1', 'b-dam-2', 'b-dam-3']);

    const ana = await analyst('Ana');
    await ana.core.importAnnotations(content);
    const result = await ana.core.importAnnotations(fromCarl, 'carl-1.1.json');
    expect(result).toMatchObject({ annotationsAdded: 1, annotationsUpdated: 0, unchanged: 3, warnings: [], recordCounts: { review: { added: 2 } } });
    expect(result.authors.map((a) => a.id)).toEqual([legacyCreator('Ben').id, legacyCreator('Carl').id]);
    const anasDam = docByFile(ana, DAM);
    // Ben's spans are still Ben's (his real id), and not duplicated
    const spans = await recordsOf(ana, anasDam.id, 'span');
    expect(spans.filter((s) => s.id.startsWith('b-')).map((s) => [s.id, s.creator])).toEqual([
      ['b-dam-1', ben.me],
      ['b-dam-2', ben.me],
      ['b-dam-3', ben.me],
    ]);
    const copy = spans.find((s) => !s.id.startsWith('b-'));
    expect(copy).toMatchObject({ creator: legacyCreator('Carl'), origin: { id: 'b-dam-3', creatorId: legacyCreator('Ben').id }, target: { quote: 'Lesnaya Polyana' } });
    const reviews = await recordsOf(ana, anasDam.id, 'review');
    expect(reviews.map((r) => [r.target.spanId, r.creator, r.decision, r.reason, r.copyId]).sort()).toEqual(
      [
        ['b-dam-2', legacyCreator('Carl'), 'reject', 'the source is the service', undefined],
        ['b-dam-3', legacyCreator('Carl'), 'accept', undefined, copy?.id],
      ].sort(),
    );
    expect(await ana.core.importAnnotations(fromCarl)).toMatchObject({ annotationsAdded: 0, unchanged: 4, recordCounts: { review: { added: 0, unchanged: 2 } } });

    // The other way round: Dora had Ben's spans only by name; his real export is the same records,
    // which stay in the layer she has them in, and his later revision reaches them by updatedAt.
    const dora = await analyst('Dora');
    await dora.core.importAnnotations(await legacyFile(ben));
    const doraDam = docByFile(dora, DAM);
    expect(await dora.core.importAnnotations(content)).toMatchObject({ annotationsAdded: 2, annotationsUpdated: 0, unchanged: 3, warnings: [] });
    expect((await recordsOf(dora, doraDam.id, 'span')).map((s) => s.creator)).toEqual([legacyCreator('Ben'), legacyCreator('Ben'), legacyCreator('Ben')]);
    const bensDam = docByFile(ben, DAM);
    await saveStep(ben, bensDam.id, [{ ...((await recordById(ben, bensDam.id, 'b-dam-1')) as SpanRecord), note: 'revised', updatedAt: LATER }]);
    const revised = (await ben.core.buildExport({ scope: 'all', includeText: false })).content;
    expect(await dora.core.importAnnotations(revised)).toMatchObject({ annotationsUpdated: 1, unchanged: 4, warnings: [] });
    expect(await recordById(dora, doraDam.id, 'b-dam-1')).toMatchObject({ creator: legacyCreator('Ben'), rev: 2, note: 'revised', updatedAt: LATER });
    expect(await dora.core.importAnnotations(revised)).toMatchObject({ annotationsUpdated: 0, unchanged: 5 });
  });

  it('reads version 1 (no review fields)', async () => {
    const { ben, content } = await bensExport({ version: 1.1 });
    const v1 = edited<ExportFileV1 & { version: number }>(content, (f) => {
      f.version = 1;
    });
    const ana = await analyst('Ana');
    expect(await ana.core.importAnnotations(v1)).toMatchObject({ version: 1, annotationsAdded: 5, authors: [legacyCreator('Ben')] });
    void ben;
  });
});

describe('mergeRecord (the rule itself)', () => {
  const docId = 'd'.repeat(64);
  const text = 'Officials in Krasnovets said 1,200 residents were evacuated.';
  const ANA_ID = { id: 'ana-uuid', name: 'Ana', kind: 'person' as const };
  const BEN_ID = { id: 'ben-uuid', name: 'Ben', kind: 'person' as const };
  const base = spanRecord({ id: docId, text }, 'Krasnovets', { id: 's1', creator: BEN_ID });
  const v2 = { analyst: ANA_ID, legacy: false };
  const v1 = { analyst: ANA_ID, legacy: true };

  it('a deletion is a revision like any other: the later one wins either way', () => {
    const deleted = { ...base, rev: 2, deleted: true as const };
    expect(mergeRecord(deleted, base, v2)).toEqual({ outcome: 'unchanged' });
    expect(mergeRecord(base, deleted, v2)).toEqual({ outcome: 'updated', record: deleted });
    expect(mergeRecord(deleted, { ...base, rev: 3, note: 'back' }, v2)).toEqual({ outcome: 'updated', record: { ...base, rev: 3, note: 'back' } });
  });

  it('without revisions (1 / 1.1), updatedAt decides and the taken record gets the next revision here', () => {
    const local = { ...base, creator: legacyCreator('Ben'), rev: 4 };
    const later = { ...local, rev: 1, note: 'n', updatedAt: LATER };
    expect(mergeRecord(local, later, v1)).toEqual({ outcome: 'updated', record: { ...later, rev: 5 } });
    expect(mergeRecord({ ...later, rev: 5 }, local, v1)).toEqual({ outcome: 'unchanged' });
    expect(mergeRecord(local, { ...local, rev: 1, note: 'same time' }, v1)).toMatchObject({ outcome: 'unchanged', warning: expect.stringMatching(/version here was kept/) });
    expect(mergeRecord(undefined, { ...later, rev: 7 }, v1)).toEqual({ outcome: 'added', record: { ...later, rev: 1 } });
  });

  it('compares a name-based copy without creators, the origin’s creator included, and keeps the creator here', () => {
    const copy = { ...base, id: 'c1', creator: ANA_ID, origin: { id: 's0', creatorId: BEN_ID.id } };
    const byName = { ...copy, creator: legacyCreator('Ana'), origin: { id: 's0', creatorId: legacyCreator('Ben').id } };
    expect(mergeRecord(copy, byName, { analyst: null, legacy: true })).toEqual({ outcome: 'unchanged' });
    const carls = { ...base, creator: { id: 'carl-uuid', name: 'Carl', kind: 'person' as const } };
    const edited = { ...carls, creator: legacyCreator('Carl'), note: 'later', updatedAt: LATER };
    expect(mergeRecord(carls, edited, v1)).toEqual({ outcome: 'updated', record: { ...edited, creator: carls.creator, rev: 2 } });
  });

  it('leaves a record of another kind with the same id alone', () => {
    const comment = { kind: 'comment' as const, id: 's1', creator: BEN_ID, rev: 5, createdAt: LATER, updatedAt: LATER, target: { docId, spanId: 's9' }, text: 'x' };
    expect(mergeRecord(base, comment, v2)).toMatchObject({ outcome: 'unchanged', warning: expect.stringMatching(/a span with this id is here already/) });
  });
});
