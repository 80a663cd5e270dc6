// computeAgreement over a real store: progress, and the event loop keeps turning meanwhile
// (so saves are not held up behind a long comparison). Also word tokens on real articles.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wordTokens } from '../../shared/agreement';
import { computeAgreement } from './agreement-service';
import { RecordStore } from './store/record-store';
import { loadCorpus } from './corpus-loader';
import { NoticeBoard } from './notices';
import { ANA, BEN, SAMPLE_CORPUS_DIR, SHARED_CORPUS_DIR, makeTempDir } from './test-support';
import type { SpanRecord } from '../../shared/model/records';
import { quoteContext } from '../../shared/offsets';

function span(doc: { id: string; text: string }, start: number, end: number, creator: SpanRecord['creator'], id: string): SpanRecord {
  const at = '2026-03-14T09:30:00.000Z';
  return { kind: 'span', id, creator, rev: 1, createdAt: at, updatedAt: at, target: { docId: doc.id, start, end, ...quoteContext(doc.text, start, end) }, tag: 'place', note: '' };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('marginalia-agreement-')));
afterEach(() => cleanup());

describe('word tokens of real articles', () => {
  it('are Intl.Segmenter’s word-like segments of the whole text (the shortcuts change nothing)', async () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
    const paths = [SAMPLE_CORPUS_DIR, ...(existsSync(SHARED_CORPUS_DIR) ? [SHARED_CORPUS_DIR] : [])];
    const { documents } = await loadCorpus(paths);
    expect(documents.length).toBeGreaterThan(3);
    for (const { text } of documents) {
      const whole = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => [s.index, s.index + s.segment.length]);
      expect(wordTokens(text)).toEqual(whole);
    }
  });
});

describe('computeAgreement', () => {
  it('reports progress within and across documents and yields to the event loop between steps', async () => {
    const { documents } = await loadCorpus([SAMPLE_CORPUS_DIR]);
    const store = new RecordStore({ dir: join(dir, 'records'), notices: new NoticeBoard() });
    const annotated = documents.slice(0, 2);
    for (const doc of annotated) {
      // Ana tags every third word; Ben the same words with the next one
      const words = wordTokens(doc.text);
      const changes = words.flatMap(([start, end], i) => {
        const next = words[i + 1];
        if (i % 3 !== 0 || !next) return [];
        return [span(doc, start, end, ANA, `a${i}`), span(doc, start, next[1], BEN, `b${i}`)];
      });
      await store.apply(doc.id, changes, { mode: 'next' });
    }
    await computeAgreement(ANA.id, BEN.id, 'all', documents, store); // loads the store files

    let turns = 0;
    let ticking = true;
    const tick = () => {
      if (!ticking) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const progress: number[] = [];
    const report = await computeAgreement(ANA.id, BEN.id, 'all', documents, store, (done, total) => {
      expect(total).toBe(documents.length);
      progress.push(done);
    });
    ticking = false;

    expect(report.documents.map((d) => d.docId)).toEqual(annotated.map((d) => d.id));
    expect(report.summary.overall.overlap.matched).toBeGreaterThan(0);
    expect(progress.every((done, i) => i === 0 || done >= (progress[i - 1] as number))).toBe(true);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(documents.length);
    expect(progress.some((done) => done > 0 && done < 1)).toBe(true);
    // at least one turn of the loop for every progress step inside a compared document
    const insideDocuments = progress.filter((done) => !Number.isInteger(done)).length;
    expect(insideDocuments).toBeGreaterThanOrEqual(2 * 6);
    expect(turns).toBeGreaterThanOrEqual(insideDocuments);
  });
});
