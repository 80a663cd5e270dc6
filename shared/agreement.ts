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
import { type AgreementSpan, type Disagreement, type MatchedPair, countExactMatches, disagreementsFromMatches, matchOverlapping } from './agreement-spans';
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

/**
 * V8's segment iterator (Node 20) costs time in proportion to the length of the string for
 * every segment, so a 1 MB text took minutes, and a microsecond or two per segment even on
 * short strings. So tokenize() hands the segmenter only short pieces, and only where needed.
 */
export const WORD_CHUNK = 256;

const isGap = (c: number) => c === 32 || c === 10;
const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** ASCII punctuation and symbols, except "_" (which joins words). */
const isAsciiMark = (c: number) => c > 32 && c < 127 && c !== 95 && !isAsciiAlnum(c);

/** Word-like segments as parallel start and end offsets (UTF-16), in text order. */
interface Tokens {
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The word-like segments of Intl.Segmenter over the whole text, computed by fields (runs
 * between spaces and line feeds). UAX #29 breaks before every run of spaces and line feeds,
 * and after it unless a combining mark or format character follows (which then joins the
 * space); no rule looks across such a break. Within a field of ASCII only, letters and digits
 * join each other and punctuation joins them only between two of them ("_" anywhere); so in
 * a field like `"Kherson,` or `1200.` the one run of letters and digits is the segment. The
 * other fields, with the spaces before them, go to the segmenter in pieces of about `chunk`.
 */
function tokenize(text: string, chunk = WORD_CHUNK): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  let pieceStart = -1;
  const flush = (end: number) => {
    if (pieceStart === -1) return;
    for (const seg of segmenter.segment(text.slice(pieceStart, end))) {
      if (!seg.isWordLike) continue;
      starts.push(pieceStart + seg.index);
      ends.push(pieceStart + seg.index + seg.segment.length);
    }
    pieceStart = -1;
  };
  for (let i = 0; i < text.length; ) {
    const gap = i;
    while (i < text.length && isGap(text.charCodeAt(i))) i++;
    const field = i;
    // marks*, letters and digits, marks*: wordStart/wordEnd around the middle run
    let wordStart = -1;
    let wordEnd = -1;
    let simple = true;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isGap(c)) break;
      if (isAsciiAlnum(c)) {
        if (wordStart === -1) wordStart = i;
        else if (wordEnd !== -1) simple = false;
      } else if (isAsciiMark(c)) {
        if (wordStart !== -1 && wordEnd === -1) wordEnd = i;
      } else simple = false;
    }
    if (field === i) break; // only spaces left
    if (simple) {
      flush(gap);
      if (wordStart !== -1) {
        starts.push(wordStart);
        ends.push(wordEnd === -1 ? i : wordEnd);
      }
    } else {
      if (pieceStart === -1) pieceStart = gap;
      if (i - pieceStart >= chunk) flush(i);
    }
  }
  flush(text.length);
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** [start, end) of every word-like segment (UTF-16). `chunk` is for tests. */
export function wordTokens(text: string, chunk = WORD_CHUNK): [number, number][] {
  const { starts, ends } = tokenize(text, chunk);
  return Array.from(starts, (start, i) => [start, ends[i] as number]);
}

/** Index of the first of the increasing `offsets` that is above `offset` (or at it, with `orAt`). */
function firstAbove(offsets: Int32Array, offset: number, orAt: boolean): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const value = offsets[mid] as number;
    if (value < offset || (value === offset && !orAt)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface TokenLabels {
  /** Per token: 0 for none, else 1 + the TAG_TYPES index of the innermost covering span. */
  overall: Uint8Array;
  /** Per token: bit i set when covered by a span of TAG_TYPES[i]. */
  tagBits: Uint8Array;
}

/**
 * Labels every token in O(n log n + tokens), however the spans nest: coverage per tag from
 * +1/-1 marks at the ends of each span's token range; the innermost span by painting spans
 * innermost first, each token once (a "next unpainted token" union-find skips painted runs).
 */
function labelTokens(tokens: Tokens, spans: readonly AgreementSpan[]): TokenLabels {
  const count = tokens.starts.length;
  const overall = new Uint8Array(count);
  const tagBits = new Uint8Array(count);
  // token range [first, last) of each span: tokens sharing at least one character with it
  const covered = spans
    .map((span) => ({ span, tag: TAG_TYPES.indexOf(span.type), first: firstAbove(tokens.ends, span.start, false), last: firstAbove(tokens.starts, span.end, true) }))
    .filter((r) => r.first < r.last);
  const marks = TAG_TYPES.map(() => new Int32Array(count + 1));
  for (const { tag, first, last } of covered) {
    const tagMarks = marks[tag] as Int32Array;
    tagMarks[first] = (tagMarks[first] as number) + 1;
    tagMarks[last] = (tagMarks[last] as number) - 1;
  }
  marks.forEach((tagMarks, tag) => {
    for (let i = 0, depth = 0; i < count; i++) {
      depth += tagMarks[i] as number;
      if (depth > 0) tagBits[i] = (tagBits[i] as number) | (1 << tag);
    }
  });
  // innermost: shortest, then earlier start, then tag order
  covered.sort((x, y) => x.span.end - x.span.start - (y.span.end - y.span.start) || x.span.start - y.span.start || x.tag - y.tag);
  const next = new Int32Array(count + 1);
  for (let i = 0; i <= count; i++) next[i] = i;
  const unpainted = (i: number): number => {
    let root = i;
    while (next[root] !== root) root = next[root] as number;
    for (let k = i; next[k] !== root; ) {
      const up = next[k] as number;
      next[k] = root;
      k = up;
    }
    return root;
  };
  for (const { tag, first, last } of covered) {
    for (let i = unpainted(first); i < last; i = unpainted(i + 1)) {
      overall[i] = tag + 1;
      next[i] = i + 1;
    }
  }
  return { overall, tagBits };
}

/**
 * Adds a confusion table to `pairs`, from counts per (label of A, label of B) code, in the
 * order each pair first occurs in the text: the Map then iterates as if built token by token,
 * and kappa and alpha, summed in that order, come out to the last bit as before.
 */
function addCounts(pairs: PairCounts, counts: Float64Array, firstAt: Int32Array, size: number, label: (code: number) => Label): void {
  const codes = [...counts.keys()].filter((code) => (counts[code] as number) > 0).sort((x, y) => (firstAt[x] as number) - (firstAt[y] as number));
  for (const code of codes) addPair(pairs, label(Math.floor(code / size)), label(code % size), counts[code] as number);
}

/** Token label tables of one document into `tally`. */
function tallyTokens(tally: AgreementTally, tokens: Tokens, a: readonly AgreementSpan[], b: readonly AgreementSpan[]): void {
  const count = tokens.starts.length;
  const labelsA = labelTokens(tokens, a);
  const labelsB = labelTokens(tokens, b);
  const size = TAG_TYPES.length + 1;
  const overall = new Float64Array(size * size);
  const overallFirst = new Int32Array(size * size).fill(count);
  // per tag: 4 cells (covered in A, covered in B) each
  const tagCounts = new Float64Array(4 * TAG_TYPES.length);
  const tagFirst = new Int32Array(4 * TAG_TYPES.length).fill(count);
  for (let i = 0; i < count; i++) {
    const code = (labelsA.overall[i] as number) * size + (labelsB.overall[i] as number);
    if (overall[code] === 0) overallFirst[code] = i;
    overall[code] = (overall[code] as number) + 1;
    const bitsA = labelsA.tagBits[i] as number;
    const bitsB = labelsB.tagBits[i] as number;
    for (let bit = 0; bit < TAG_TYPES.length; bit++) {
      const cell = 4 * bit + ((((bitsA >> bit) & 1) << 1) | ((bitsB >> bit) & 1));
      if (tagCounts[cell] === 0) tagFirst[cell] = i;
      tagCounts[cell] = (tagCounts[cell] as number) + 1;
    }
  }
  addCounts(tally.overallLabels, overall, overallFirst, size, (code) => (code === 0 ? NO_TAG : (TAG_TYPES[code - 1] as TagType)));
  TAG_TYPES.forEach((tag, bit) => {
    const cells = [4 * bit, 4 * bit + 4] as const;
    addCounts(tally.tagLabels[tag], tagCounts.subarray(...cells), tagFirst.subarray(...cells), 2, (covered) => (covered ? tag : NO_TAG));
  });
  tally.tokens = count;
}

/** Steps of compareDocument: one per tag, then disagreements, word tokens and labels. */
const STEPS = TAG_TYPES.length + 3;

/**
 * The work of one document in steps, yielding between them (a share done, 0-1), so that a
 * caller can let its event loop run (agreement-service does). `withDisagreements: false`
 * skips the list (tallyDocument).
 */
export function* compareDocumentSteps(docId: string, text: string, a: readonly AgreementSpan[], b: readonly AgreementSpan[], withDisagreements = true): Generator<number, DocumentComparison> {
  const tally = emptyTally();
  const perTag: MatchedPair[][] = [];
  for (const [step, tag] of TAG_TYPES.entries()) {
    const as = a.filter((s) => s.type === tag);
    const bs = b.filter((s) => s.type === tag);
    tally.exact[tag] = { matched: countExactMatches(as, bs), countA: as.length, countB: bs.length };
    const pairs = matchOverlapping(as, bs);
    perTag.push(pairs);
    tally.overlap[tag] = { matched: pairs.length, countA: as.length, countB: bs.length };
    yield (step + 1) / STEPS;
  }
  const disagreements = withDisagreements ? disagreementsFromMatches(docId, a, b, perTag) : [];
  yield (TAG_TYPES.length + 1) / STEPS;
  const tokens = tokenize(text);
  yield (TAG_TYPES.length + 2) / STEPS;
  tallyTokens(tally, tokens, a, b);
  return { tally, disagreements };
}

function finish<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Counts for one document: span matches per tag and token label tables. */
export function tallyDocument(text: string, a: readonly AgreementSpan[], b: readonly AgreementSpan[]): AgreementTally {
  return finish(compareDocumentSteps('', text, a, b, false)).tally;
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
  return finish(compareDocumentSteps(docId, text, a, b));
}

/** Figures for one document (a convenience for the UI's "differences" view and tests). */
export function documentAgreement(text: string, a: readonly AgreementSpan[], b: readonly AgreementSpan[]): AgreementSummary {
  return summarize(tallyDocument(text, a, b));
}
