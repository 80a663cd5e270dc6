// Agreement between two analysts (A and B) on a document, or pooled over documents. Pure.
//
// Definitions (also in the README):
// - A is the reference: precision = matched / B's spans, recall = matched / A's spans,
//   F1 = 2 * matched / (A's + B's spans). Per tag, only spans of that tag take part; overall
//   figures add up the per-tag counts (a match always needs the same tag).
// - exact match: same start and end; overlap match: one-to-one, greedy by largest overlap.
// - Units for kappa and alpha: word tokens (Intl.Segmenter word-like segments). A token is
//   covered by a span when they share at least one character.
//   Overall: each token gets one label per analyst, the tag of the shortest span covering it
//   (ties: earlier start, then tag order claim/source/figure/place), or "none".
//   Per tag T: a binary label per token and analyst: covered by some span of tag T or not.
// - Pooling over documents: counts and token tables are added up over the documents where at
//   least one of the two analysts has an annotation.
// - A figure that is undefined (nothing to compare, no variation) is null.
import { type Label, type PairCounts, addPair, cohenKappaFromPairs, krippendorffAlphaNominalFromPairs, mergePairCounts } from './agreement-stats';
import { type AgreementSpan, type Disagreement, countExactMatches, findDisagreements, matchOverlapping } from './agreement-spans';
import { TAG_TYPES, type TagType } from './model';

export type { AgreementSpan, Disagreement, DisagreementKind } from './agreement-spans';

export const NO_TAG = 'none';

interface MatchCounts {
  matched: number;
  countA: number;
  countB: number;
}

export interface SpanScores extends MatchCounts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface AgreementFigures {
  exact: SpanScores;
  overlap: SpanScores;
  /** Cohen's kappa over word tokens. */
  kappa: number | null;
  /** Krippendorff's alpha (nominal) over the same tokens. */
  alpha: number | null;
}

export interface AgreementSummary {
  overall: AgreementFigures;
  perTag: Record<TagType, AgreementFigures>;
  /** Word tokens compared. */
  tokens: number;
}

/** Raw counts of one document, added up for pooled figures. */
export interface AgreementTally {
  exact: Record<TagType, MatchCounts>;
  overlap: Record<TagType, MatchCounts>;
  overallLabels: PairCounts;
  tagLabels: Record<TagType, PairCounts>;
  tokens: number;
}

function perTag<T>(make: (tag: TagType) => T): Record<TagType, T> {
  return Object.fromEntries(TAG_TYPES.map((t) => [t, make(t)])) as Record<TagType, T>;
}

export function emptyTally(): AgreementTally {
  return {
    exact: perTag(() => ({ matched: 0, countA: 0, countB: 0 })),
    overlap: perTag(() => ({ matched: 0, countA: 0, countB: 0 })),
    overallLabels: new Map(),
    tagLabels: perTag(() => new Map()),
    tokens: 0,
  };
}

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** [start, end) of every word-like segment (UTF-16). */
export function wordTokens(text: string): [number, number][] {
  const tokens: [number, number][] = [];
  for (const seg of segmenter.segment(text)) if (seg.isWordLike) tokens.push([seg.index, seg.index + seg.segment.length]);
  return tokens;
}

/** Index of the first token whose end is after `offset`. */
function firstTokenEndingAfter(tokens: readonly [number, number][], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as [number, number])[1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface TokenLabels {
  /** Per token: the innermost span's tag, or none. */
  overall: Label[];
  /** Per token: bit i set when covered by a span of TAG_TYPES[i]. */
  tagBits: number[];
}

function labelTokens(tokens: readonly [number, number][], spans: readonly AgreementSpan[]): TokenLabels {
  const overall: Label[] = new Array<Label>(tokens.length).fill(NO_TAG);
  const chosen: (AgreementSpan | null)[] = new Array<AgreementSpan | null>(tokens.length).fill(null);
  const tagBits = new Array<number>(tokens.length).fill(0);
  const innermost = (x: AgreementSpan, y: AgreementSpan): boolean =>
    x.end - x.start < y.end - y.start || (x.end - x.start === y.end - y.start && (x.start < y.start || (x.start === y.start && TAG_TYPES.indexOf(x.type) < TAG_TYPES.indexOf(y.type))));
  for (const span of spans) {
    const bit = 1 << TAG_TYPES.indexOf(span.type);
    for (let i = firstTokenEndingAfter(tokens, span.start); i < tokens.length && (tokens[i] as [number, number])[0] < span.end; i++) {
      tagBits[i] = (tagBits[i] as number) | bit;
      const current = chosen[i];
      if (!current || innermost(span, current)) {
        chosen[i] = span;
        overall[i] = span.type;
      }
    }
  }
  return { overall, tagBits };
}

/** Counts for one document: span matches per tag and token label tables. */
export function tallyDocument(text: string, a: readonly AgreementSpan[], b: readonly AgreementSpan[]): AgreementTally {
  const tally = emptyTally();
  for (const tag of TAG_TYPES) {
    const as = a.filter((s) => s.type === tag);
    const bs = b.filter((s) => s.type === tag);
    tally.exact[tag] = { matched: countExactMatches(as, bs), countA: as.length, countB: bs.length };
    tally.overlap[tag] = { matched: matchOverlapping(as, bs).length, countA: as.length, countB: bs.length };
  }
  const tokens = wordTokens(text);
  const labelsA = labelTokens(tokens, a);
  const labelsB = labelTokens(tokens, b);
  tokens.forEach((_, i) => {
    addPair(tally.overallLabels, labelsA.overall[i] as Label, labelsB.overall[i] as Label);
    TAG_TYPES.forEach((tag, bit) => {
      const inA = ((labelsA.tagBits[i] as number) >> bit) & 1 ? tag : NO_TAG;
      const inB = ((labelsB.tagBits[i] as number) >> bit) & 1 ? tag : NO_TAG;
      addPair(tally.tagLabels[tag], inA, inB);
    });
  });
  tally.tokens = tokens.length;
  return tally;
}

export function addTally(into: AgreementTally, from: AgreementTally): void {
  for (const tag of TAG_TYPES) {
    for (const kind of ['exact', 'overlap'] as const) {
      into[kind][tag].matched += from[kind][tag].matched;
      into[kind][tag].countA += from[kind][tag].countA;
      into[kind][tag].countB += from[kind][tag].countB;
    }
    mergePairCounts(into.tagLabels[tag], from.tagLabels[tag]);
  }
  mergePairCounts(into.overallLabels, from.overallLabels);
  into.tokens += from.tokens;
}

export function spanScores({ matched, countA, countB }: MatchCounts): SpanScores {
  return {
    matched,
    countA,
    countB,
    precision: countB === 0 ? null : matched / countB,
    recall: countA === 0 ? null : matched / countA,
    f1: countA + countB === 0 ? null : (2 * matched) / (countA + countB),
  };
}

function sumCounts(counts: Record<TagType, MatchCounts>): MatchCounts {
  return TAG_TYPES.reduce(
    (sum, t) => ({ matched: sum.matched + counts[t].matched, countA: sum.countA + counts[t].countA, countB: sum.countB + counts[t].countB }),
    { matched: 0, countA: 0, countB: 0 },
  );
}

export function summarize(tally: AgreementTally): AgreementSummary {
  return {
    overall: {
      exact: spanScores(sumCounts(tally.exact)),
      overlap: spanScores(sumCounts(tally.overlap)),
      kappa: cohenKappaFromPairs(tally.overallLabels),
      alpha: krippendorffAlphaNominalFromPairs(tally.overallLabels),
    },
    perTag: perTag((tag) => ({
      exact: spanScores(tally.exact[tag]),
      overlap: spanScores(tally.overlap[tag]),
      kappa: cohenKappaFromPairs(tally.tagLabels[tag]),
      alpha: krippendorffAlphaNominalFromPairs(tally.tagLabels[tag]),
    })),
    tokens: tally.tokens,
  };
}

export interface DocumentComparison {
  tally: AgreementTally;
  disagreements: Disagreement[];
}

/** Everything about one document: counts to pool, and where the analysts differ. */
export function compareDocument(docId: string, text: string, a: readonly AgreementSpan[], b: readonly AgreementSpan[]): DocumentComparison {
  return { tally: tallyDocument(text, a, b), disagreements: findDisagreements(docId, a, b, TAG_TYPES) };
}

/** Figures for one document (a convenience for the UI's "differences" view and tests). */
export function documentAgreement(text: string, a: readonly AgreementSpan[], b: readonly AgreementSpan[]): AgreementSummary {
  return summarize(tallyDocument(text, a, b));
}
