import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgreementSpan, addTally, compareDocument, documentAgreement, emptyTally, summarize, tallyDocument, wordTokens } from './agreement';
import { addPair, cohenKappa, krippendorffAlphaNominal, krippendorffAlphaNominalFromPairs } from './agreement-stats';
import { TAG_TYPES, type TagType } from './model';

const N = null;

describe('Cohen’s kappa against scikit-learn', () => {
  it('matches the cohen_kappa_score docstring example (0.6875)', () => {
    const y1 = ['negative', 'positive', 'negative', 'neutral', 'positive'];
    const y2 = ['negative', 'positive', 'negative', 'neutral', 'negative'];
    expect(cohenKappa(y1, y2)).toBeCloseTo(0.6875, 12);
  });

  it('matches the values in scikit-learn’s test_cohen_kappa', () => {
    const repeat = (parts: [number, number][]): number[] => parts.flatMap(([label, n]) => Array<number>(n).fill(label));
    const a = repeat([[0, 40], [1, 60]]);
    const b = repeat([[0, 20], [1, 20], [0, 10], [1, 50]]);
    expect(cohenKappa(a, b)).toBeCloseTo(0.348, 3);
    expect(cohenKappa(b, a)).toBe(cohenKappa(a, b));
    expect(cohenKappa(a, a)).toBe(1);
    const c = repeat([[0, 46], [1, 44], [2, 10]]);
    expect(cohenKappa(c, repeat([[0, 52], [1, 32], [2, 16]]))).toBeCloseTo(0.8013, 4);
    expect(cohenKappa(c, repeat([[0, 50], [1, 40], [2, 10]]))).toBeCloseTo(0.9315, 4);
  });

  it('is undefined (null) without units or without variation', () => {
    expect(cohenKappa([], [])).toBeNull();
    expect(cohenKappa(['none', 'none'], ['none', 'none'])).toBeNull();
  });
});

describe('Krippendorff’s alpha (nominal) against published examples', () => {
  it('matches Krippendorff (2011), “Computing Krippendorff’s Alpha-Reliability”: 4 coders, 12 units, missing values: α = 0.743', () => {
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
      [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ];
    const alpha = krippendorffAlphaNominal(data);
    expect(alpha).toBeCloseTo(0.743, 3);
    // Exactly 1 - 39 * (sum of off-diagonal coincidences) / (n^2 - sum n_c^2) = 113/152 with n = 40.
    expect(alpha).toBeCloseTo(113 / 152, 12);
  });

  it('matches the 3-coder, 15-unit example (Wikipedia; fast-krippendorff’s test): 0.691358', () => {
    const data = [
      [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
      [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
      [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
    ];
    expect(krippendorffAlphaNominal(data)).toBeCloseTo(0.691358, 6);
  });

  it('works with string labels (fast-krippendorff’s test: 0.722222)', () => {
    expect(krippendorffAlphaNominal([['pos', 'neg', 'neu', N], ['pos', 'neg', 'neu', 'pos'], ['pos', 'neg', 'pos', 'pos']])).toBeCloseTo(0.722222, 6);
  });

  it('gives the same value from a two-coder pair table as from the matrix', () => {
    const a = [1, 1, 2, 2, 3, 1, 2, 3, 3, 1];
    const b = [1, 2, 2, 2, 3, 1, 1, 3, 2, 1];
    const pairs = new Map();
    a.forEach((x, i) => addPair(pairs, x, b[i] as number));
    expect(krippendorffAlphaNominalFromPairs(pairs)).toBeCloseTo(krippendorffAlphaNominal([a, b]) as number, 12);
    expect(krippendorffAlphaNominal([[1, 1], [1, 1]])).toBeNull();
  });
});

// Hand-computed span case. Tokens: alpha[0,5) beta[6,10) gamma[11,16) delta[17,22)
// epsilon[23,30) zeta[31,35) eta[36,39) theta[40,45).
const TEXT = 'alpha beta gamma delta epsilon zeta eta theta';

function span(id: string, type: TagType, quote: string, occurrence = 0): AgreementSpan {
  let start = -1;
  for (let n = 0; n <= occurrence; n++) start = TEXT.indexOf(quote, start + 1);
  return { id, type, start, end: start + quote.length, quote };
}

const A = [span('a1', 'claim', 'alpha beta'), span('a2', 'place', 'delta'), span('a3', 'source', 'zeta'), span('a4', 'figure', 'theta')];
const B = [span('b1', 'claim', 'alpha beta'), span('b2', 'place', 'delta epsilon'), span('b3', 'claim', 'zeta'), span('b4', 'figure', 'eta', 2)]; // "eta" is also in beta and zeta

describe('span agreement (A is the reference)', () => {
  const summary = documentAgreement(TEXT, A, B);

  it('counts exact and overlap matches per tag and overall', () => {
    expect(wordTokens(TEXT)).toHaveLength(8);
    expect(summary.perTag.claim.exact).toEqual({ matched: 1, countA: 1, countB: 2, precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(summary.perTag.source.exact).toEqual({ matched: 0, countA: 1, countB: 0, precision: null, recall: 0, f1: 0 });
    expect(summary.perTag.place.exact).toMatchObject({ matched: 0, f1: 0 });
    expect(summary.perTag.place.overlap).toEqual({ matched: 1, countA: 1, countB: 1, precision: 1, recall: 1, f1: 1 });
    expect(summary.perTag.figure.overlap).toMatchObject({ matched: 0, precision: 0, recall: 0 });
    expect(summary.overall.exact).toEqual({ matched: 1, countA: 4, countB: 4, precision: 0.25, recall: 0.25, f1: 0.25 });
    expect(summary.overall.overlap).toEqual({ matched: 2, countA: 4, countB: 4, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('computes kappa and alpha over word tokens (hand-computed: κ = 17/49, α = 3/8)', () => {
    // A: claim claim none place none source none figure
    // B: claim claim none place place claim figure none   -> po = 4/8, pe = 15/64
    expect(summary.tokens).toBe(8);
    expect(summary.overall.kappa).toBeCloseTo(17 / 49, 12);
    // n = 16, observed sum 8, sum n_c n_k = 256 - 64 -> 1 - 15 * 8 / 192
    expect(summary.overall.alpha).toBeCloseTo(3 / 8, 12);
    // claim, binary: A covers alpha beta; B alpha beta zeta -> κ = 5/7, α = 1 - 15 * 2 / 110
    expect(summary.perTag.claim.kappa).toBeCloseTo(5 / 7, 12);
    expect(summary.perTag.claim.alpha).toBeCloseTo(8 / 11, 12);
  });

  it('lists every disagreement in text order with its kind and position', () => {
    const { disagreements } = compareDocument('d'.repeat(64), TEXT, A, B);
    expect(disagreements.map((d) => [d.kind, d.start, d.end, d.a?.id ?? null, d.b?.id ?? null])).toEqual([
      ['boundary', 17, 30, 'a2', 'b2'],
      ['tag', 31, 35, 'a3', 'b3'],
      ['only-b', 36, 39, null, 'b4'],
      ['only-a', 40, 45, 'a4', null],
    ]);
  });

  it('labels a token covered by nested spans with the innermost (shortest) one', () => {
    const a = [span('outer', 'claim', 'alpha beta gamma'), span('inner', 'place', 'beta')];
    const b = [span('only', 'claim', 'alpha beta gamma')];
    const tally = tallyDocument(TEXT, a, b);
    expect(tally.overallLabels.get('place')?.get('claim')).toBe(1); // beta
    expect(tally.overallLabels.get('claim')?.get('claim')).toBe(2); // alpha, gamma
    // per tag, beta is still covered by A's claim
    expect(tally.tagLabels.claim.get('claim')?.get('claim')).toBe(3);
  });

  it('matches overlapping spans one to one', () => {
    const a = [span('a', 'claim', 'alpha beta gamma')];
    const b = [span('b1', 'claim', 'alpha'), span('b2', 'claim', 'beta gamma')];
    const figures = documentAgreement(TEXT, a, b);
    expect(figures.overall.overlap).toMatchObject({ matched: 1, precision: 0.5, recall: 1 });
    expect(compareDocument('d'.repeat(64), TEXT, a, b).disagreements.map((d) => [d.kind, d.b?.id])).toEqual([
      ['only-b', 'b1'],
      ['boundary', 'b2'],
    ]);
  });

  it('pools documents by adding counts and token tables', () => {
    const pooled = emptyTally();
    addTally(pooled, tallyDocument(TEXT, [span('x', 'claim', 'alpha')], [span('y', 'claim', 'alpha')]));
    addTally(pooled, tallyDocument(TEXT, [span('x', 'claim', 'beta')], [span('y', 'claim', 'gamma')]));
    const figures = summarize(pooled);
    expect(figures.tokens).toBe(16);
    expect(figures.overall.exact).toMatchObject({ matched: 1, countA: 2, countB: 2, f1: 0.5 });
    // 16 tokens: 1 claim/claim, 1 claim/none, 1 none/claim, 13 none/none
    // po = 14/16, pe = (2*2 + 14*14)/256 = 200/256 -> κ = (224 - 200) / (256 - 200) = 3/7
    expect(figures.overall.kappa).toBeCloseTo(3 / 7, 12);
  });

  it('reports undefined figures as null when there is nothing to compare', () => {
    const empty = documentAgreement(TEXT, [], []);
    expect(empty.overall.exact).toEqual({ matched: 0, countA: 0, countB: 0, precision: null, recall: null, f1: null });
    expect(empty.overall.kappa).toBeNull();
    expect(empty.overall.alpha).toBeNull();
    const same = documentAgreement(TEXT, A, A);
    expect(same.overall.exact.f1).toBe(1);
    expect(same.overall.kappa).toBe(1);
    expect(same.overall.alpha).toBe(1);
  });
});

describe('word tokens', () => {
  const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  const wholeText = (text: string): [number, number][] =>
    [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s): [number, number] => [s.index, s.index + s.segment.length]);
  // pieces that meet the rules of UAX #29 at their edges: spaces, line feeds, punctuation that
  // joins letters or digits (. ' : , ;), "_", combining marks, ZWJ emoji, flags, CJK, Thai
  const PIECES = ['a', 'Z', 'word', '7', '1,200', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '.', "'", ':', ',', ';', '_', '-', '"', '(', ')', '$', '%', '\u0301', '\u200d', '\u200b', 'é', 'Київ', '👍', '👩\u200d🔬', '🇺🇦', '東京', 'สวัสดี', 'e.g.', "don't", '3.5'];

  it('are Intl.Segmenter’s word-like segments of the whole text, however it is cut into pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (pieces, chunk) => {
        const text = pieces.join('');
        expect(wordTokens(text, chunk)).toEqual(wholeText(text));
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (text, chunk) => {
        expect(wordTokens(text, chunk)).toEqual(wholeText(text));
      }),
      { numRuns: 1000 },
    );
  });
});

// The per-token labelling that tallyDocument replaces, kept as the reference: every span
// visits every token it covers (quadratic when spans nest).
function referenceLabels(text: string, spans: readonly AgreementSpan[]): { overall: string[]; tags: Set<TagType>[] } {
  const tokens = wordTokens(text);
  const overall = tokens.map(() => 'none');
  const tags = tokens.map(() => new Set<TagType>());
  const chosen: (AgreementSpan | null)[] = tokens.map(() => null);
  const rank = (s: AgreementSpan) => [s.end - s.start, s.start, TAG_TYPES.indexOf(s.type)];
  const inner = (x: AgreementSpan, y: AgreementSpan) => {
    const [rx, ry] = [rank(x), rank(y)];
    const k = rx.findIndex((v, i) => v !== ry[i]);
    return k !== -1 && (rx[k] as number) < (ry[k] as number);
  };
  for (const span of spans) {
    tokens.forEach(([start, end], i) => {
      if (end <= span.start || start >= span.end) return;
      tags[i]?.add(span.type);
      const current = chosen[i];
      if (!current || inner(span, current)) {
        chosen[i] = span;
        overall[i] = span.type;
      }
    });
  }
  return { overall, tags };
}

/** Pair tables as lists, in the Map's own order (the figures are summed in that order). */
const entries = (pairs: ReadonlyMap<unknown, ReadonlyMap<unknown, number>>) => [...pairs].map(([a, row]) => [a, [...row]]);

describe('token labels', () => {
  const words = Array.from({ length: 30 }, (_, i) => `w${i}`);
  const text = `${words.join(' ')}.`;
  const spanArb = (prefix: string) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: text.length }), fc.constantFrom(...TAG_TYPES)), { maxLength: 12 }).map((list) =>
      list.map(([start, length], i): AgreementSpan => ({ id: `${prefix}${i}`, type: list[i]?.[2] ?? 'claim', start, end: Math.min(text.length, start + length), quote: '' })),
    );

  it('are those of the per-token reference, table order included', () => {
    fc.assert(
      fc.property(spanArb('a'), spanArb('b'), (a, b) => {
        const tally = tallyDocument(text, a, b);
        const [ra, rb] = [referenceLabels(text, a), referenceLabels(text, b)];
        const overall = new Map<string, Map<string, number>>();
        const perTag = new Map(TAG_TYPES.map((t) => [t, new Map<string, Map<string, number>>()]));
        const add = (table: Map<string, Map<string, number>>, x: string, y: string) => {
          const row = table.get(x) ?? table.set(x, new Map()).get(x);
          row?.set(y, (row.get(y) ?? 0) + 1);
        };
        ra.overall.forEach((label, i) => {
          add(overall, label, rb.overall[i] as string);
          for (const tag of TAG_TYPES) add(perTag.get(tag) as Map<string, Map<string, number>>, ra.tags[i]?.has(tag) ? tag : 'none', rb.tags[i]?.has(tag) ? tag : 'none');
        });
        expect(entries(tally.overallLabels)).toEqual(entries(overall));
        for (const tag of TAG_TYPES) expect(entries(tally.tagLabels[tag])).toEqual(entries(perTag.get(tag) as Map<string, Map<string, number>>));
      }),
      { numRuns: 1000 },
    );
  });

  it('label 10,000 nested spans per analyst by the innermost one', () => {
    // 30,000 words; span i covers words i .. 29,999 - i, tagged TAG_TYPES[i % 4]. The innermost
    // span over word w is the one with the largest i <= min(w, 29,999 - w), capped at 9,999.
    const n = 10_000;
    const count = 3 * n;
    const longText = Array.from({ length: count }, (_, i) => `w${i}`).join(' ');
    const starts: number[] = [];
    for (let i = 0, at = 0; i < count; at += `w${i}`.length + 1, i++) starts.push(at);
    const wordEnd = (w: number) => (starts[w] as number) + `w${w}`.length;
    const nested = (prefix: string, extra: number) =>
      Array.from({ length: n }, (_, i): AgreementSpan => ({ id: `${prefix}${i}`, type: TAG_TYPES[i % 4] as TagType, start: starts[i] as number, end: wordEnd(count - 1 - i) + extra, quote: '' }));
    const a = nested('a', 0);
    const b = nested('b', 1); // one more character: a space, or past the end of the last word
    const { tally, disagreements } = compareDocument('d'.repeat(64), longText, a, b);
    const expected = new Map<string, number>();
    for (let w = 0; w < count; w++) {
      const tag = TAG_TYPES[Math.min(w, count - 1 - w, n - 1) % 4] as string;
      expected.set(tag, (expected.get(tag) ?? 0) + 1);
    }
    // b_i covers the same words as a_i, so both analysts label every word alike
    expect(tally.tokens).toBe(count);
    expect(TAG_TYPES.map((t) => tally.overallLabels.get(t)?.get(t) ?? 0)).toEqual(TAG_TYPES.map((t) => expected.get(t)));
    // all matched per tag, each pair one character apart
    expect(TAG_TYPES.map((t) => tally.overlap[t].matched)).toEqual([2500, 2500, 2500, 2500]);
    expect(disagreements).toHaveLength(n);
    expect(disagreements.every((d) => d.kind === 'boundary' && d.a?.id.slice(1) === d.b?.id.slice(1))).toBe(true);
  });
});
