import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgreementSpan, type MatchedPair, countExactMatches, matchOverlapping } from './agreement-spans';
import { TAG_TYPES } from './model';

// The exhaustive greedy matching that matchOverlapping replaces, kept as the reference: list
// every overlapping pair, sort by Jaccard (ties: a's position, then b's), take greedily.
function byPosition(x: AgreementSpan, y: AgreementSpan): number {
  return x.start - y.start || x.end - y.end || x.id.localeCompare(y.id);
}
function jaccard(a: AgreementSpan, b: AgreementSpan): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return inter <= 0 ? 0 : inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}
function exhaustiveGreedy(as: readonly AgreementSpan[], bs: readonly AgreementSpan[]): MatchedPair[] {
  const candidates = as
    .flatMap((a) => bs.filter((b) => jaccard(a, b) > 0).map((b) => ({ pair: { a, b }, score: jaccard(a, b) })))
    .sort((x, y) => y.score - x.score || byPosition(x.pair.a, y.pair.a) || byPosition(x.pair.b, y.pair.b));
  const usedA = new Set<AgreementSpan>();
  const usedB = new Set<AgreementSpan>();
  const matched: MatchedPair[] = [];
  for (const { pair } of candidates) {
    if (usedA.has(pair.a) || usedB.has(pair.b)) continue;
    usedA.add(pair.a);
    usedB.add(pair.b);
    matched.push(pair);
  }
  return matched;
}

const ids = (pairs: readonly MatchedPair[]) => pairs.map(({ a, b }) => `${a.id}-${b.id}`);

/** What every matching must be, exact or not. Linear-ish, to run on 10,000 spans. */
function expectSoundMatching(as: readonly AgreementSpan[], bs: readonly AgreementSpan[], pairs: readonly MatchedPair[]): void {
  const usedA = new Set(pairs.map((p) => p.a));
  const usedB = new Set(pairs.map((p) => p.b));
  // one to one, spans of the inputs only, overlapping
  expect(usedA.size).toBe(pairs.length);
  expect(usedB.size).toBe(pairs.length);
  const inA = new Set(as);
  const inB = new Set(bs);
  expect(pairs.filter((p) => !inA.has(p.a) || !inB.has(p.b) || Math.min(p.a.end, p.b.end) <= Math.max(p.a.start, p.b.start))).toEqual([]);
  // every identical pair greedy would match
  expect(pairs.filter((p) => p.a.start === p.b.start && p.a.end === p.b.end)).toHaveLength(countExactMatches(as, bs));
  // maximal: no unmatched a overlaps an unmatched b, i.e. among the unmatched b starting
  // before a ends, none ends after a starts
  const leftB = bs.filter((b) => !usedB.has(b)).sort((x, y) => x.start - y.start);
  const reach: number[] = [];
  leftB.forEach((b, k) => reach.push(Math.max(b.end, reach[k - 1] ?? -Infinity)));
  const overlapped = as.filter((a) => {
    if (usedA.has(a)) return false;
    let before = 0; // how many of leftB (sorted) start before a ends
    for (let step = 1 << 20; step > 0; step >>= 1) if (before + step <= leftB.length && (leftB[before + step - 1] as AgreementSpan).start < a.end) before += step;
    return before > 0 && (reach[before - 1] as number) > a.start;
  });
  expect(overlapped).toEqual([]);
}

/** Nested and overlapping spans over [0, 16): few distinct bounds, so ties in Jaccard and duplicates are common. */
const spanList = (prefix: string) =>
  fc
    .array(
      fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 16 })).map(([start, length]) => ({ start, end: Math.min(16, start + length) })),
      { maxLength: 14 },
    )
    .map((bounds) => bounds.map(({ start, end }, i): AgreementSpan => ({ id: `${prefix}${i}`, type: 'claim', start, end, quote: '' })));

describe('matchOverlapping', () => {
  it('gives exactly the exhaustive greedy matching (pairs and order) on small random inputs', () => {
    fc.assert(
      fc.property(spanList('a'), spanList('b'), (as, bs) => {
        expect(ids(matchOverlapping(as, bs))).toEqual(ids(exhaustiveGreedy(as, bs)));
      }),
      { numRuns: 2000 },
    );
  });

  it('breaks ties in Jaccard by position, as greedy does', () => {
    // a0 has Jaccard 1/2 with both b; b1 starts first, so greedy gives it to a0 and b0 to a1
    const span = (id: string, start: number, end: number): AgreementSpan => ({ id, type: 'claim', start, end, quote: '' });
    const as = [span('a0', 5, 11), span('a1', 3, 4)];
    const bs = [span('b0', 3, 9), span('b1', 1, 10)];
    expect(ids(exhaustiveGreedy(as, bs))).toEqual(['a0-b1', 'a1-b0']);
    expect(ids(matchOverlapping(as, bs))).toEqual(['a0-b1', 'a1-b0']);
  });

  it('stays one-to-one, overlapping, exact on identical spans and maximal when every search runs out of budget', () => {
    fc.assert(
      fc.property(spanList('a'), spanList('b'), fc.integer({ min: 0, max: 3 }), (as, bs, budget) => {
        expectSoundMatching(as, bs, matchOverlapping(as, bs, budget));
      }),
      { numRuns: 1000 },
    );
  });

  it('matches 10,000 nested spans per analyst, each with its own near copy', () => {
    // a_i = [i, L - i) and b_i = [i, L - i + 1): every span overlaps every other (10^8 pairs),
    // and greedy pairs them from the outside in: (a_0, b_0) has the largest Jaccard, and so on.
    const n = 10_000;
    const length = 3 * n;
    const as = Array.from({ length: n }, (_, i): AgreementSpan => ({ id: `a${i}`, type: 'claim', start: i, end: length - i, quote: '' }));
    const bs = Array.from({ length: n }, (_, i): AgreementSpan => ({ id: `b${i}`, type: 'claim', start: i, end: length - i + 1, quote: '' }));
    const pairs = matchOverlapping([...as].reverse(), bs);
    expect(pairs).toHaveLength(n);
    expect(pairs.every(({ a, b }) => a.id.slice(1) === b.id.slice(1))).toBe(true);
  });

  it('matches 10,000 heavily overlapping spans per analyst soundly, and like greedy on a sample', () => {
    // Long spans over short ones, like claims over sources: a seeded mix, B derived from A.
    let state = 7;
    const random = () => ((state = (state * 48271) % 2147483647) - 1) / 2147483646;
    const int = (max: number) => Math.floor(random() * (max + 1));
    const mixed = (prefix: string, n: number, length: number, like: readonly AgreementSpan[] = []): AgreementSpan[] =>
      Array.from({ length: n }, (_, i): AgreementSpan => {
        const model = like[i];
        if (model && random() < 0.8) {
          const start = Math.max(0, model.start + (random() < 0.5 ? 0 : int(6) - 3));
          return { ...model, id: `${prefix}${i}`, start, end: Math.max(start + 1, model.end + (random() < 0.5 ? 0 : int(6) - 3)) };
        }
        const start = int(length - 1);
        const span = random() < 0.2 ? 1 + int(length / 2) : 1 + int(40);
        return { id: `${prefix}${i}`, type: TAG_TYPES[int(3)] ?? 'claim', start, end: Math.min(length, start + span), quote: '' };
      });
    const as = mixed('a', 10_000, 100_000);
    const bs = mixed('b', 10_000, 100_000, as);
    const pairs = matchOverlapping(as, bs);
    expectSoundMatching(as, bs, pairs);
    // the same layout, small enough for the exhaustive reference
    const fewA = mixed('a', 400, 4000);
    const fewB = mixed('b', 400, 4000, fewA);
    expect(ids(matchOverlapping(fewA, fewB))).toEqual(ids(exhaustiveGreedy(fewA, fewB)));
  });
});
