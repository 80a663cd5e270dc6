// Agreement measures independent work: spans copied into a layer by accepting (with `origin`)
// are left out unless asked for, so accepting everything cannot drive agreement to 100%.
// Hand-computed cases on a real sample article and a real record store.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptSpan } from '../../shared/model/review-steps';
import type { MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { computeAgreement } from './agreement-service';
import { type LoadedDocument, loadCorpus } from './corpus-loader';
import { NoticeBoard } from './notices';
import { RecordStore } from './store/record-store';
import { ANA, BEN, SAMPLE_CORPUS_DIR, makeTempDir, spanRecord } from './test-support';

const AT = '2026-03-15T10:00:00.000Z';
let dir: string;
let cleanup: () => Promise<void>;
let doc: LoadedDocument;
let documents: LoadedDocument[];
let store: RecordStore;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('marginalia-agreement-copies-'));
  ({ documents } = await loadCorpus([SAMPLE_CORPUS_DIR]));
  const found = documents.find((d) => d.text.includes('Open Imagery Collective') && d.text.includes('Lesnaya Polyana'));
  if (!found) throw new Error('sample article missing');
  doc = found;
  store = new RecordStore({ dir: join(dir, 'records'), notices: new NoticeBoard() });
});
afterEach(() => cleanup());

let ids = 0;
/** Ana accepts Ben's span as the review queue does; the step's records are saved. */
async function anaAccepts(span: SpanRecord): Promise<MarginaliaRecord[]> {
  const records = await store.list(doc.id);
  const step = acceptSpan(span, { reviewer: ANA, now: AT, records, newId: () => `accept-${++ids}` });
  await store.apply(doc.id, step.forward, { mode: 'next' });
  return step.forward;
}

describe('agreement and accepted copies', () => {
  it('leaves copies out by default and counts them when asked (hand-computed figures)', async () => {
    // Ana (A): a place Ben has too, and a figure of her own. Ben (B): the same place and a claim.
    const anaPlace = spanRecord(doc, 'Lesnaya Polyana', { creator: ANA, tag: 'place', id: 'ana-place' });
    const anaFigure = spanRecord(doc, '1,200 residents', { creator: ANA, tag: 'figure', id: 'ana-figure' });
    const benPlace = spanRecord(doc, 'Lesnaya Polyana', { creator: BEN, tag: 'place', id: 'ben-place' });
    const benSource = spanRecord(doc, 'Open Imagery Collective', { creator: BEN, tag: 'source', id: 'ben-source' });
    await store.apply(doc.id, [anaPlace, anaFigure, benPlace, benSource], { mode: 'next' });

    // Ana accepts both of Ben's spans: the place is identical to hers (linked, no copy); the source is copied.
    const placeStep = await anaAccepts(benPlace);
    expect(placeStep.map((r) => r.kind)).toEqual(['review']);
    expect(placeStep[0]).toMatchObject({ decision: 'accept', copyId: 'ana-place' });
    const sourceStep = await anaAccepts(benSource);
    expect(sourceStep.map((r) => r.kind)).toEqual(['span', 'review']);
    expect(sourceStep[0]).toMatchObject({ creator: { id: ANA.id }, origin: { id: 'ben-source' } });

    // Default: A = {place, figure}, B = {place, source}. Exact: 1 matched; P = 1/2, R = 1/2, F1 = 2·1/(2+2).
    const independent = await computeAgreement(ANA.id, BEN.id, doc.id, documents, store);
    expect(independent.acceptedCopies).toEqual({ included: false, a: 1, b: 0 });
    expect(independent.documents[0]).toMatchObject({ countA: 2, countB: 2 });
    expect(independent.summary.overall.exact).toEqual({ matched: 1, countA: 2, countB: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(independent.summary.perTag.place.exact).toMatchObject({ matched: 1, precision: 1, recall: 1 });
    expect(independent.summary.perTag.source.exact).toMatchObject({ matched: 0, countA: 0, countB: 1 });
    expect(independent.disagreements.map((d) => [d.kind, d.a?.quote ?? d.b?.quote])).toEqual(
      expect.arrayContaining([
        ['only-a', '1,200 residents'],
        ['only-b', 'Open Imagery Collective'],
      ]),
    );
    expect(independent.disagreementsTotal).toBe(2);

    // With copies: A = {place, figure, source copy}, B = {place, source}. 2 matched; P = 2/2, R = 2/3, F1 = 4/5.
    const withCopies = await computeAgreement(ANA.id, BEN.id, doc.id, documents, store, undefined, { includeAcceptedCopies: true });
    expect(withCopies.acceptedCopies).toEqual({ included: true, a: 1, b: 0 });
    expect(withCopies.summary.overall.exact).toMatchObject({ matched: 2, countA: 3, countB: 2, precision: 1 });
    expect(withCopies.summary.overall.exact.recall).toBeCloseTo(2 / 3, 12);
    expect(withCopies.summary.overall.exact.f1).toBeCloseTo(4 / 5, 12);
    expect(withCopies.disagreementsTotal).toBe(1);
  });

  it('accepting everything of a layer one shares nothing with leaves agreement at zero', async () => {
    const benSpans = [
      spanRecord(doc, 'Open Imagery Collective', { creator: BEN, tag: 'source', id: 'b1' }),
      spanRecord(doc, 'Lesnaya Polyana', { creator: BEN, tag: 'place', id: 'b2' }),
      spanRecord(doc, 'at least 1,200 residents', { creator: BEN, tag: 'figure', id: 'b3' }),
    ];
    const anaSpan = spanRecord(doc, 'Irina Volkova', { creator: ANA, tag: 'source', id: 'a1' });
    await store.apply(doc.id, [...benSpans, anaSpan], { mode: 'next' });
    for (const span of benSpans) await anaAccepts(span);

    const independent = await computeAgreement(ANA.id, BEN.id, 'all', documents, store);
    expect(independent.summary.overall.exact).toEqual({ matched: 0, countA: 1, countB: 3, precision: 0, recall: 0, f1: 0 });
    expect(independent.acceptedCopies).toEqual({ included: false, a: 3, b: 0 });
    // Counted, the copies all match: B's precision is 3/3 (the "100%" the issue warns about).
    const counted = await computeAgreement(ANA.id, BEN.id, 'all', documents, store, undefined, { includeAcceptedCopies: true });
    expect(counted.summary.overall.exact).toMatchObject({ matched: 3, countA: 4, countB: 3, precision: 1 });
  });

  it('a document where one analyst has only copies is still compared when copies are counted', async () => {
    const ben = spanRecord(doc, 'Lesnaya Polyana', { creator: BEN, tag: 'place', id: 'b-only' });
    await store.apply(doc.id, [ben], { mode: 'next' });
    await anaAccepts(ben);
    const independent = await computeAgreement(ANA.id, BEN.id, 'all', documents, store);
    expect(independent.documents.map((d) => [d.countA, d.countB])).toEqual([[0, 1]]);
    expect(independent.summary.overall.exact.recall).toBeNull(); // nothing of A's own to recall
    const counted = await computeAgreement(ANA.id, BEN.id, 'all', documents, store, undefined, { includeAcceptedCopies: true });
    expect(counted.summary.overall.exact).toMatchObject({ matched: 1, recall: 1, precision: 1 });
  });
});
