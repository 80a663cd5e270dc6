// Searching the Documents list: title and full text, every word must be there, case, accents,
// typographic quotes, dashes and no-break spaces do not matter, "phrases" stay together, and the
// excerpt is the real text around the first match. Also on a corpus of 1,000 documents.
import { describe, expect, it } from 'vitest';
import { DocumentSearch, MAX_COUNTED_MATCHES, foldForSearch, searchTerms } from './document-search';

const doc = (id: string, title: string, body: string) => ({ id: id.padStart(64, '0'), title, text: `${title}\n\n${body}` });

const DOCS = [
  doc('1', 'Strike on Kharkiv depot', 'Officials said\u00a0“at least 12” were hurt near Plekhovo — the governor’s office confirmed.'),
  doc('2', 'Flooding in Lower Brenna', 'The regional emergency service said 40 homes were flooded. KHARKIV sent pumps.'),
  doc('3', 'Élections à Orlin', 'Le maire a déclaré que la participation était élevée.'),
  doc('4', 'Market fire', 'No casualties were reported.'),
];

function ids(result: { hits: { docId: string }[] }): string[] {
  return result.hits.map((h) => h.docId.replace(/^0+/, ''));
}

describe('foldForSearch', () => {
  it('keeps the length, so offsets in the folded text are offsets in the text', () => {
    const text = 'Ünïcode “Quotes” — and\u00a0NBSP, İstanbul, 🚀 ǅ';
    const folded = foldForSearch(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('unicode "quotes" - and nbsp, istanbul, 🚀 ǆ');
  });

  it('leaves plain lower-case text as it is (the same string)', () => {
    const text = 'plain words only';
    expect(foldForSearch(text)).toBe(text);
  });
});

describe('searchTerms', () => {
  it('splits on spaces, keeps "quoted phrases" whole, folds, and drops repeats', () => {
    expect(searchTerms('  Kharkiv  “at least 12”  kharkiv ')).toEqual(['kharkiv', 'at least 12']);
    expect(searchTerms('   ')).toEqual([]);
  });
});

describe('DocumentSearch', () => {
  const search = new DocumentSearch();

  it('finds words in the title or the text, whatever their case', () => {
    expect(ids(search.search(DOCS, 'kharkiv'))).toEqual(['1', '2']);
    expect(search.search(DOCS, 'kharkiv').hits[0]).toMatchObject({ inTitle: true });
    expect(search.search(DOCS, 'pumps').hits[0]).toMatchObject({ inTitle: false, matches: 1 });
  });

  it('needs every word, anywhere in the document', () => {
    expect(ids(search.search(DOCS, 'kharkiv governor'))).toEqual(['1']);
    expect(ids(search.search(DOCS, 'kharkiv nowhere'))).toEqual([]);
  });

  it('ignores accents, typographic quotes, dashes and no-break spaces on either side', () => {
    expect(ids(search.search(DOCS, 'elections declare'))).toEqual(['3']);
    expect(ids(search.search(DOCS, 'governor\'s'))).toEqual(['1']);
    expect(ids(search.search(DOCS, 'said "at least'))).toEqual(['1']);
    expect(ids(search.search(DOCS, 'said "at least 12" plekhovo - the'))).toEqual(['1']);
  });

  it('keeps a quoted phrase together', () => {
    expect(ids(search.search(DOCS, '"homes were flooded"'))).toEqual(['2']);
    expect(ids(search.search(DOCS, '"were flooded homes"'))).toEqual([]);
  });

  it('gives the real text around the first match as the excerpt', () => {
    const [hit] = search.search(DOCS, 'governor').hits;
    expect(hit?.excerpt?.before).toMatch(/^….* were hurt near Plekhovo — the $/);
    expect(hit?.excerpt?.match).toBe('governor');
    expect(hit?.excerpt?.after).toBe('’s office confirmed.');
    const onlyTitle = search.search(DOCS, 'market').hits[0];
    expect(onlyTitle?.excerpt?.match).toBe('Market'); // the title is the first line of the text too
  });

  it('matches nothing for an empty query', () => {
    expect(search.search(DOCS, '  ').hits).toEqual([]);
  });

  it('counts matches up to a cap', () => {
    const many = doc('9', 'Repeats', 'echo '.repeat(5000));
    expect(search.search([many], 'echo').hits[0]?.matches).toBe(MAX_COUNTED_MATCHES + 1);
  });

  it('searches 1,000 documents and returns them in the order given', () => {
    const corpus = Array.from({ length: 1000 }, (_, i) =>
      doc(String(i + 1), `Report ${i + 1}`, `Day ${i + 1}. ${i % 7 === 0 ? 'Shelling near Plyokhovo.' : 'A quiet day.'} ${'Filler sentence about the weather. '.repeat(200)}`),
    );
    const result = search.search(corpus, 'plyokhovo');
    expect(result.hits).toHaveLength(143);
    expect(ids(result).slice(0, 3)).toEqual(['1', '8', '15']);
    expect(ids(search.search(corpus, 'report 999'))).toEqual(['999']);
    expect(ids(search.search(corpus, '"day 1000."'))).toEqual(['1000']);
  });
});
