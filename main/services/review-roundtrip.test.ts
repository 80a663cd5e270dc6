// The review loop end to end on the services: Ben's export imported by Ana, Ana reviews
// (accept, reject with a reason, comment), exports; Ben imports that and sees the decisions on
// his own annotations. Also agreement between the two, and the core's checks on review fields.
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../shared/export-format';
import type { Annotation } from '../../shared/model';
import { acceptAnnotation, commentOnAnnotation, rejectAnnotation, reviewProgress } from '../../shared/review';
import publishedSchema from '../../shared/schema/annotations.v1.schema.json';
import { type Analyst, docByFile, failureOf, openAnalyst } from './import-test-support';
import { annotate, makeTempDir, put } from './test-support';

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

const DAM = '01-veshnaya-dam-breach.txt';
const REVIEW_TIME = '2026-03-16T09:00:00.000Z';

function byId(list: readonly Annotation[], id: string): Annotation {
  const found = list.find((a) => a.id === id);
  if (!found) throw new Error(`no annotation ${id}`);
  return found;
}

describe('review round trip', () => {
  it('Ana reviews Ben’s tags; Ben imports Ana’s export and sees her decisions on his annotations', async () => {
    const ben = await analyst('Ben');
    const bensDam = docByFile(ben, DAM);
    await ben.core.saveChanges(bensDam.id, [
      put(annotate(bensDam, 'at least 1,200 residents', { id: 'b1', type: 'figure', author: 'Ben' })),
      put(annotate(bensDam, 'Irina Volkova', { id: 'b2', type: 'source', author: 'Ben' })),
      put(annotate(bensDam, 'Lesnaya Polyana', { id: 'b3', type: 'place', author: 'Ben' })),
    ]);
    const bensExport = (await ben.core.buildExport({ scope: 'all', includeText: true })).content;

    const ana = await analyst('Ana');
    const dam = docByFile(ana, DAM);
    await ana.core.saveChanges(dam.id, [
      put(annotate(dam, 'at least 1,200 residents', { id: 'a1', type: 'figure', author: 'Ana' })),
      put(annotate(dam, 'the dam had been hit twice in one night', { id: 'a2', type: 'claim', author: 'Ana' })),
    ]);
    expect(await ana.core.importAnnotations(bensExport, 'ben.json')).toMatchObject({ annotationsAdded: 3, authors: ['Ben'] });

    // Review: accept b3, reject b2 with a reason, comment on b1 (saved like any edit).
    let list = await ana.core.listAnnotations(dam.id);
    expect(reviewProgress(list, 'Ana')).toEqual({ total: 3, reviewed: 0 });
    const accepted = acceptAnnotation(byId(list, 'b3'), { reviewer: 'Ana', now: REVIEW_TIME, newId: 'a-copy-b3', existing: list });
    await ana.core.saveChanges(dam.id, accepted.forward);
    list = await ana.core.listAnnotations(dam.id);
    const rejected = rejectAnnotation(byId(list, 'b2'), { reviewer: 'Ana', now: REVIEW_TIME, reason: 'Volkova speaks for the service; the source is the service', existing: list });
    await ana.core.saveChanges(dam.id, rejected.forward);
    list = await ana.core.listAnnotations(dam.id);
    await ana.core.saveChanges(dam.id, commentOnAnnotation(byId(list, 'b1'), { reviewer: 'Ana', now: REVIEW_TIME, text: 'Agree; I have the same span.' }).forward);

    // Undo and redo work like any other change.
    await ana.core.saveChanges(dam.id, rejected.backward);
    expect(byId(await ana.core.listAnnotations(dam.id), 'b2').review).toBeUndefined();
    await ana.core.saveChanges(dam.id, rejected.forward);
    list = await ana.core.listAnnotations(dam.id);
    expect(reviewProgress(list, 'Ana')).toEqual({ total: 3, reviewed: 2 });

    // Decisions survive a restart.
    await ana.core.close();
    open.splice(open.indexOf(ana), 1);
    const anaAgain = await analyst('Ana');
    list = await anaAgain.core.listAnnotations(dam.id);
    expect(byId(list, 'b3').review).toEqual({ status: 'accepted', by: 'Ana', at: REVIEW_TIME, comments: [] });
    expect(byId(list, 'a-copy-b3')).toMatchObject({ author: 'Ana', origin: { id: 'b3', author: 'Ben' }, quote: 'Lesnaya Polyana', type: 'place' });

    // Ana's export carries the decisions (format 1.1) and passes the published schema.
    const anasExport = (await anaAgain.core.buildExport({ scope: 'all', includeText: false })).content;
    const parsed = JSON.parse(anasExport) as ExportFile;
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    expect(ajv.validate(publishedSchema, parsed)).toBe(true);
    expect(parsed.version).toBe(1.1);
    const exportedB2 = parsed.documents.flatMap((d) => d.annotations).find((a) => a.id === 'b2');
    expect(exportedB2?.review).toEqual({ status: 'rejected', by: 'Ana', at: REVIEW_TIME, reason: 'Volkova speaks for the service; the source is the service', comments: [] });

    // Ben imports Ana's export: his own annotations now carry her decisions.
    const back = await ben.core.importAnnotations(anasExport, 'ana.json');
    expect(back).toMatchObject({ annotationsAdded: 3, annotationsUpdated: 3, unchanged: 0, orphans: [], authors: ['Ana', 'Ben'] });
    const bens = await ben.core.listAnnotations(bensDam.id);
    expect(byId(bens, 'b1').review).toEqual({ status: 'pending', by: 'Ana', at: REVIEW_TIME, comments: [{ by: 'Ana', at: REVIEW_TIME, text: 'Agree; I have the same span.' }] });
    expect(byId(bens, 'b2').review).toMatchObject({ status: 'rejected', by: 'Ana', reason: 'Volkova speaks for the service; the source is the service' });
    expect(byId(bens, 'b3').review).toMatchObject({ status: 'accepted', by: 'Ana' });
    // a decision is not an edit of the annotation: its content and updatedAt stay Ben's (the
    // stored revision moves on, as for every saved change)
    expect({ ...byId(bens, 'b2'), review: undefined, rev: undefined }).toEqual({ ...annotate(bensDam, 'Irina Volkova', { id: 'b2', type: 'source', author: 'Ben' }), review: undefined });
    // Importing it again changes nothing.
    expect(await ben.core.importAnnotations(anasExport)).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, unchanged: 6 });

    // Agreement, Ben as the reference: b1 = a1 and b3 = Ana's copy match exactly.
    expect(await ben.core.listAnalysts()).toEqual([
      { name: 'Ana', annotations: 3, documents: 1 },
      { name: 'Ben', annotations: 3, documents: 1 },
    ]);
    const agreement = await ben.core.getAgreement('Ben', 'Ana', 'all');
    expect(agreement.documents.map((d) => d.fileName)).toEqual([DAM]);
    expect(agreement.summary.overall.exact).toEqual({ matched: 2, countA: 3, countB: 3, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    expect(agreement.summary.perTag.place.exact.f1).toBe(1);
    // in text order: "Irina Volkova" (paragraph 2) before "the dam had been hit" (paragraph 4)
    expect(agreement.disagreements.map((d) => [d.kind, d.a?.id ?? null, d.b?.id ?? null])).toEqual([
      ['only-a', 'b2', null],
      ['only-b', null, 'a2'],
    ]);
    expect(agreement.disagreementsTotal).toBe(2);
    const single = await ben.core.getAgreement('Ben', 'Ana', bensDam.id);
    expect(single.summary).toEqual(agreement.summary);
    await expect(ben.core.getAgreement('Ben', 'Ana', 'f'.repeat(64))).rejects.toThrow(/no open document has id f{64}/);
  });

  it('refuses saves with malformed review or origin fields, naming the annotation', async () => {
    const ben = await analyst('Ben');
    const dam = docByFile(ben, DAM);
    const own = annotate(dam, 'Irina Volkova', { id: 'b1', author: 'Ben' });
    const selfAccepted = { ...own, review: { status: 'accepted' as const, by: 'Ben', at: REVIEW_TIME, comments: [] } };
    expect(await failureOf(ben.core.saveChanges(dam.id, [put(selfAccepted)]))).toMatch(/were not saved: annotation b1: Ben cannot accept their own annotation/);
    const noReason = { ...own, review: { status: 'rejected' as const, by: 'Ana', at: REVIEW_TIME, comments: [] } };
    expect(await failureOf(ben.core.saveChanges(dam.id, [put(noReason)]))).toMatch(/annotation b1: a rejection needs a reason \(field annotation\.review\.reason\)/);
    const selfOrigin = { ...own, origin: { id: 'x', author: 'Ben' } };
    expect(await failureOf(ben.core.saveChanges(dam.id, [put(selfOrigin)]))).toMatch(/origin must be another analyst's annotation/);
    expect(await ben.core.listAnnotations(dam.id)).toEqual([]);
  });
});
