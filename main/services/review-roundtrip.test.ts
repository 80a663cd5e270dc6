// The review loop end to end on the services, with records: Ben's export imported by Ana; Ana
// reviews (accept: her copy with an origin and a decision with copyId; reject with a reason;
// comment), exports; Ben imports that and sees her decisions on his own spans. Then the same with
// Ana's side in format 1.1, as the exporter before records wrote it. Also agreement between the
// two, and the core's checks on review records.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile, ExportFileV1, ExportedAnnotation } from '../../shared/export-format';
import type { Review, TagType } from '../../shared/model';
import { type CommentRecord, type Creator, type ReviewRecord, type SpanRecord, legacyCreator } from '../../shared/model/records';
import { commentsOn, reviewProgress, reviewsOf } from '../../shared/model/review-steps';
import { OffsetConverter, quoteContext } from '../../shared/offsets';
import publishedV1 from '../../shared/schema/annotations.v1.schema.json';
import publishedV2 from '../../shared/schema/annotations.v2.schema.json';
import { type Analyst, docByFile, failureOf, openAnalyst, recordById, recordsOf, review, spanBy } from './import-test-support';
import { makeTempDir } from './test-support';

let root: string;
let cleanup: () => Promise<void>;
const open: Analyst[] = [];
beforeEach(async () => ({ dir: root, cleanup } = await makeTempDir('marginalia-review-')));
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.core.close()));
  await cleanup();
});

async function analyst(name: string): Promise<Analyst> {
  const a = await openAnalyst(name, join(root, name));
  open.push(a);
  return a;
}

async function restart(a: Analyst): Promise<Analyst> {
  open.splice(open.indexOf(a), 1);
  await a.core.close();
  return analyst(a.name);
}

const DAM = '01-veshnaya-dam-breach.txt';
const SPAN_TIME = '2026-03-14T09:30:00.000Z'; // spanRecord's fixed time
const REVIEW_TIME = '2026-03-16T09:00:00.000Z';
const COMMENT_TIME = '2026-03-16T09:05:00.000Z';
const REASON = 'Volkova speaks for the service; the source is the service';

const validate = (schema: object) => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
};
const validateV1 = validate(publishedV1);
const validateV2 = validate(publishedV2);

/** Every quote equals its code point slice, in JavaScript and (where python3 exists) in Python. */
async function expectQuotesMatch(content: string): Promise<void> {
  const file = JSON.parse(content) as ExportFile;
  for (const doc of file.documents) for (const a of doc.annotations) expect([...(doc.text ?? '')].slice(a.start, a.end).join('')).toBe(a.quote);
  if (spawnSync('python3', ['--version']).status !== 0) return;
  const path = join(root, `check-${Date.now()}.json`);
  await writeFile(path, content);
  const script = 'import json,sys\nd=json.load(open(sys.argv[1],encoding="utf-8"))\nbad=[a["id"] for x in d["documents"] for a in x["annotations"] if x["text"][a["start"]:a["end"]]!=a["quote"]]\nprint(len(bad));sys.exit(1 if bad else 0)';
  const run = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

/** Ben's three spans in the dam article. */
async function bensSpans(ben: Analyst): Promise<string> {
  const dam = docByFile(ben, DAM);
  await ben.core.saveRecords(dam.id, [
    spanBy(ben, dam, 'at least 1,200 residents', { id: 'b1', tag: 'figure' }),
    spanBy(ben, dam, 'Irina Volkova', { id: 'b2', tag: 'source' }),
    spanBy(ben, dam, 'Lesnaya Polyana', { id: 'b3', tag: 'place' }),
  ]);
  return (await ben.core.buildExport({ scope: 'all', includeText: true })).content;
}

/** Ana's own two spans, Ben's export imported, and her review: accept b3, reject b2, comment on b1. */
async function anaReviews(ana: Analyst, bensExport: string): Promise<{ copy: SpanRecord; acceptance: ReviewRecord; rejection: ReviewRecord; comment: CommentRecord }> {
  const dam = docByFile(ana, DAM);
  await ana.core.saveRecords(dam.id, [
    spanBy(ana, dam, 'at least 1,200 residents', { id: 'a1', tag: 'figure' }),
    spanBy(ana, dam, 'the dam had been hit twice in one night', { id: 'a2', tag: 'claim' }),
  ]);
  expect(await ana.core.importAnnotations(bensExport, 'ben.json')).toMatchObject({ annotationsAdded: 3, version: 2 });
  expect(reviewProgress(await ana.core.listRecords(dam.id), ana.me.id)).toEqual({ total: 3, reviewed: 0 });
  const accepted = await review(ana, dam.id, 'b3', { accept: true }, REVIEW_TIME);
  const rejected = await review(ana, dam.id, 'b2', { reject: REASON }, REVIEW_TIME);
  const commented = await review(ana, dam.id, 'b1', { comment: 'Agree; I have the same span.' }, COMMENT_TIME);
  const copy = accepted.forward.find((r): r is SpanRecord => r.kind === 'span') as SpanRecord;
  const acceptance = accepted.forward.find((r): r is ReviewRecord => r.kind === 'review') as ReviewRecord;
  const rejection = rejected.forward.find((r): r is ReviewRecord => r.kind === 'review') as ReviewRecord;
  const comment = commented.forward[0] as CommentRecord;
  return { copy, acceptance, rejection, comment };
}

describe('review round trip (version 2)', () => {
  it('Ana reviews Ben’s spans; Ben imports Ana’s export and sees her decisions on his spans', async () => {
    const ben = await analyst('Ben');
    const bensExport = await bensSpans(ben);
    const bensDam = docByFile(ben, DAM);

    let ana = await analyst('Ana');
    const dam = docByFile(ana, DAM);
    const { copy, acceptance, rejection, comment } = await anaReviews(ana, bensExport);
    expect(copy).toMatchObject({ creator: ana.me, origin: { id: 'b3', creatorId: ben.me.id }, target: { quote: 'Lesnaya Polyana' }, tag: 'place' });
    expect(acceptance).toMatchObject({ creator: ana.me, target: { docId: dam.id, spanId: 'b3' }, decision: 'accept', copyId: copy.id });

    // Undo and redo of the rejection, as a window does them: its tombstone, then it again.
    await ana.core.saveRecords(dam.id, [{ ...rejection, rev: 2, deleted: true }]);
    expect(reviewsOf({ id: 'b2' }, await ana.core.listRecords(dam.id))).toEqual([]);
    await ana.core.saveRecords(dam.id, [{ ...rejection, rev: 3 }]);
    expect(reviewProgress(await ana.core.listRecords(dam.id), ana.me.id)).toEqual({ total: 3, reviewed: 2 });

    // Decisions survive a restart.
    ana = await restart(ana);
    expect(await recordById(ana, dam.id, rejection.id)).toEqual({ ...rejection, rev: 3 });
    expect(await recordById(ana, dam.id, copy.id)).toEqual(copy);

    // Ana's export (version 2) carries her spans, decisions and comment, and passes the published schema.
    const anasExport = (await ana.core.buildExport({ scope: 'all', includeText: true })).content;
    const parsed = JSON.parse(anasExport) as ExportFile;
    expect(validateV2(parsed), JSON.stringify(validateV2.errors)).toBe(true);
    await expectQuotesMatch(anasExport);
    expect(parsed.version).toBe(2);
    const exportedDam = parsed.documents.find((d) => d.fileName === DAM);
    expect(exportedDam?.annotations.find((a) => a.id === copy.id)?.origin).toEqual({ id: 'b3', author: 'Ben', creatorId: ben.me.id });
    expect(exportedDam?.reviews).toEqual([
      { id: rejection.id, creator: ana.me, rev: 3, createdAt: REVIEW_TIME, updatedAt: REVIEW_TIME, spanId: 'b2', decision: 'reject', reason: REASON },
      { id: acceptance.id, creator: ana.me, rev: 1, createdAt: REVIEW_TIME, updatedAt: REVIEW_TIME, spanId: 'b3', decision: 'accept', copyId: copy.id },
    ]);
    expect(exportedDam?.comments).toEqual([{ id: comment.id, creator: ana.me, rev: 1, createdAt: COMMENT_TIME, updatedAt: COMMENT_TIME, spanId: 'b1', text: 'Agree; I have the same span.' }]);

    // Ben imports Ana's export: his own spans now have her decisions.
    const spansBefore = await recordsOf(ben, bensDam.id, 'span');
    const back = await ben.core.importAnnotations(anasExport, 'ana.json');
    expect(back).toMatchObject({
      annotationsAdded: 3,
      annotationsUpdated: 0,
      unchanged: 3,
      orphans: [],
      warnings: [],
      authors: [ana.me, ben.me],
      recordCounts: { review: { added: 2, updated: 0, unchanged: 0 }, comment: { added: 1, updated: 0, unchanged: 0 } },
    });
    const bens = await ben.core.listRecords(bensDam.id);
    expect(reviewsOf({ id: 'b2' }, bens)).toEqual([{ ...rejection, rev: 3, target: { docId: bensDam.id, spanId: 'b2' } }]);
    expect(reviewsOf({ id: 'b3' }, bens)).toEqual([{ ...acceptance, target: { docId: bensDam.id, spanId: 'b3' } }]);
    expect(reviewsOf({ id: 'b1' }, bens)).toEqual([]);
    expect(commentsOn({ id: 'b1' }, bens).map((c) => [c.creator, c.text])).toEqual([[ana.me, 'Agree; I have the same span.']]);
    // a decision is not an edit of the span: Ben's spans are exactly as he left them
    for (const span of spansBefore) expect(bens.find((r) => r.id === span.id)).toEqual(span);
    // Ana's copy is in her layer, pointing at Ben's span
    expect(bens.find((r) => r.id === copy.id)).toEqual(copy);
    // Importing it again changes nothing.
    expect(await ben.core.importAnnotations(anasExport)).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, unchanged: 6, recordCounts: { review: { added: 0, unchanged: 2 }, comment: { added: 0, unchanged: 1 } } });

    // Ben's next export carries Ana's decisions on to the next reader.
    const bensNext = JSON.parse((await ben.core.buildExport({ scope: 'all', includeText: true })).content) as ExportFile;
    expect(validateV2(bensNext)).toBe(true);
    expect(bensNext.documents.find((d) => d.fileName === DAM)?.reviews).toEqual(exportedDam?.reviews);

    // Agreement, Ben as the reference, measures independent work: Ana's copy of b3 is left out by default…
    expect(await ben.core.listAnalysts()).toEqual([
      { ...ana.me, annotations: 3, documents: 1 },
      { ...ben.me, annotations: 3, documents: 1 },
    ]);
    const independent = await ben.core.getAgreement(ben.me.id, ana.me.id, 'all');
    expect(independent.summary.overall.exact).toEqual({ matched: 1, countA: 3, countB: 2, precision: 1 / 2, recall: 1 / 3, f1: 0.4 });
    // …and counted with "include accepted copies": b1 = a1 and b3 = Ana's copy match exactly.
    const agreement = await ben.core.getAgreement(ben.me.id, ana.me.id, 'all', { includeAcceptedCopies: true });
    expect(agreement.documents.map((d) => d.fileName)).toEqual([DAM]);
    expect(agreement.summary.overall.exact).toEqual({ matched: 2, countA: 3, countB: 3, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    expect(agreement.summary.perTag.place.exact.f1).toBe(1);
    // in text order: "Irina Volkova" (paragraph 2) before "the dam had been hit" (paragraph 4)
    expect(agreement.disagreements.map((d) => [d.kind, d.a?.id ?? null, d.b?.id ?? null])).toEqual([
      ['only-a', 'b2', null],
      ['only-b', null, 'a2'],
    ]);
  });

  it('refuses review records that break the rules, naming the record', async () => {
    const ben = await analyst('Ben');
    const dam = docByFile(ben, DAM);
    const own = spanBy(ben, dam, 'Irina Volkova', { id: 'b1' });
    await ben.core.saveRecords(dam.id, [own]);
    const selfReview: ReviewRecord = { kind: 'review', id: 'r1', creator: ben.me, rev: 1, createdAt: REVIEW_TIME, updatedAt: REVIEW_TIME, target: { docId: dam.id, spanId: 'b1' }, decision: 'accept' };
    expect(await failureOf(ben.core.saveRecords(dam.id, [selfReview]))).toMatch(/were not saved: review r1: a review decides on another analyst’s annotation/);
    const dangling: CommentRecord = { kind: 'comment', id: 'c1', creator: ben.me, rev: 1, createdAt: REVIEW_TIME, updatedAt: REVIEW_TIME, target: { docId: dam.id, spanId: 'nowhere' }, text: 'x' };
    expect(await failureOf(ben.core.saveRecords(dam.id, [dangling]))).toMatch(/comment c1: it points at annotation nowhere, which is not in this document/);
    expect(await ben.core.listRecords(dam.id)).toEqual([own]);
  });
});

// ---------------------------------------------------------------------------------------------
// Format 1.1, as Marginalia wrote it before records

/** One annotation of a 1.1 file, written the way the exporter before records did. */
function legacyAnnotation(
  doc: { text: string },
  quote: string,
  fields: { id: string; type: TagType; author: string; createdAt?: string; origin?: { id: string; author: string }; review?: Review },
): ExportedAnnotation {
  const start = doc.text.indexOf(quote);
  const end = start + quote.length;
  const converter = new OffsetConverter(doc.text);
  const { prefix, suffix } = quoteContext(doc.text, start, end);
  const at = fields.createdAt ?? SPAN_TIME;
  return {
    id: fields.id,
    type: fields.type,
    start: converter.toCodepoint(start),
    end: converter.toCodepoint(end),
    quote,
    prefix,
    suffix,
    note: '',
    author: fields.author,
    createdAt: at,
    updatedAt: at,
    ...(fields.origin ? { origin: fields.origin } : {}),
    ...(fields.review ? { review: fields.review } : {}),
  };
}

describe('review round trip with format 1.1 on Ana’s side', () => {
  it('Ben imports the 1.1 file of Ana’s review and sees her decisions on his spans, in his layer', async () => {
    const ben = await analyst('Ben');
    const bensExport = await bensSpans(ben);
    const bensDam = docByFile(ben, DAM);
    const ana = await analyst('Ana');
    const { copy } = await anaReviews(ana, bensExport);
    const dam = docByFile(ana, DAM);

    // What Ana's Marginalia wrote before records: decisions and comments inside Ben's annotations.
    const handWritten: ExportFileV1 = {
      format: 'marginalia/annotations',
      version: 1.1,
      offsetUnit: 'codepoint',
      exportedAt: '2026-03-16T10:00:00.000Z',
      exportedBy: 'Ana',
      documents: [
        {
          id: dam.id,
          title: dam.title,
          fileName: dam.fileName,
          length: [...dam.text].length,
          text: dam.text,
          annotations: [
            legacyAnnotation(dam, 'at least 1,200 residents', { id: 'a1', type: 'figure', author: 'Ana' }),
            legacyAnnotation(dam, 'at least 1,200 residents', {
              id: 'b1',
              type: 'figure',
              author: 'Ben',
              review: { status: 'pending', by: 'Ana', at: COMMENT_TIME, comments: [{ by: 'Ana', at: COMMENT_TIME, text: 'Agree; I have the same span.' }] },
            }),
            legacyAnnotation(dam, 'Irina Volkova', { id: 'b2', type: 'source', author: 'Ben', review: { status: 'rejected', by: 'Ana', at: REVIEW_TIME, reason: REASON, comments: [] } }),
            legacyAnnotation(dam, 'the dam had been hit twice in one night', { id: 'a2', type: 'claim', author: 'Ana' }),
            legacyAnnotation(dam, 'Lesnaya Polyana', { id: copy.id, type: 'place', author: 'Ana', createdAt: REVIEW_TIME, origin: { id: 'b3', author: 'Ben' } }),
            legacyAnnotation(dam, 'Lesnaya Polyana', { id: 'b3', type: 'place', author: 'Ben', review: { status: 'accepted', by: 'Ana', at: REVIEW_TIME, comments: [] } }),
          ].sort((x, y) => x.start - y.start || y.end - x.end || x.id.localeCompare(y.id)),
        },
      ],
    };
    const content = `${JSON.stringify(handWritten, null, 2)}\n`;
    expect(validateV1(JSON.parse(content)), JSON.stringify(validateV1.errors)).toBe(true);
    await expectQuotesMatch(content);
    // Ana's Marginalia writes the very same annotations when asked for 1.1 today.
    const today = JSON.parse((await ana.core.buildExport({ scope: 'document', docId: dam.id, includeText: true, version: 1.1 })).content) as ExportFileV1;
    expect(today).toEqual({ ...handWritten, exportedAt: today.exportedAt });

    const spansBefore = await recordsOf(ben, bensDam.id, 'span');
    const result = await ben.core.importAnnotations(content, 'ana-1.1.json');
    expect(result).toMatchObject({
      version: 1.1,
      exportedBy: 'Ana',
      annotationsAdded: 3,
      annotationsUpdated: 0,
      unchanged: 3,
      orphans: [],
      warnings: [],
      authors: [legacyCreator('Ana'), legacyCreator('Ben')],
      recordCounts: { review: { added: 2, updated: 0, unchanged: 0 }, comment: { added: 1, updated: 0, unchanged: 0 } },
    });
    const bens = await ben.core.listRecords(bensDam.id);
    // his spans came back under his name only: the same records, still his
    for (const span of spansBefore) expect(bens.find((r) => r.id === span.id)).toEqual(span);
    // Ana is a layer by name (her id is not in a 1.1 file); her decisions point at his span ids
    const ana11: Creator = legacyCreator('Ana');
    const copyHere = bens.find((r) => r.id === copy.id);
    expect(copyHere).toMatchObject({ kind: 'span', creator: ana11, origin: { id: 'b3', creatorId: legacyCreator('Ben').id }, rev: 1 });
    expect(reviewsOf({ id: 'b2' }, bens)).toEqual([expect.objectContaining({ creator: ana11, decision: 'reject', reason: REASON, createdAt: REVIEW_TIME, updatedAt: REVIEW_TIME, target: { docId: bensDam.id, spanId: 'b2' } })]);
    expect(reviewsOf({ id: 'b3' }, bens)).toEqual([expect.objectContaining({ creator: ana11, decision: 'accept', copyId: copy.id })]);
    expect(commentsOn({ id: 'b1' }, bens).map((c) => [c.creator, c.createdAt, c.text])).toEqual([[ana11, COMMENT_TIME, 'Agree; I have the same span.']]);
    expect(await ben.core.importAnnotations(content)).toMatchObject({ annotationsAdded: 0, unchanged: 6, recordCounts: { review: { added: 0, unchanged: 2 }, comment: { added: 0, unchanged: 1 } } });

    // Ben's export (version 2) now carries Ana's decisions under her name-based layer.
    const bensNext = JSON.parse((await ben.core.buildExport({ scope: 'all', includeText: true })).content) as ExportFile;
    expect(validateV2(bensNext)).toBe(true);
    expect(bensNext.documents.find((d) => d.fileName === DAM)?.reviews?.map((r) => [r.spanId, r.creator.id, r.decision])).toEqual([
      ['b2', 'name:Ana', 'reject'],
      ['b3', 'name:Ana', 'accept'],
    ]);
    expect((await recordById(ben, bensDam.id, 'b1')).creator).toEqual(ben.me);
  });
});
