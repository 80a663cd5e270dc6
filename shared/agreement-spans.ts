// Span-level comparison of two analysts' annotations on one text: one-to-one matching (exact
// and overlap) and the list of disagreements. Pure. Offsets are UTF-16, as in the store.
import type { TagType } from './model';

export interface AgreementSpan {
  id: string;
  type: TagType;
  start: number;
  end: number;
  quote: string;
}

export interface MatchedPair {
  a: AgreementSpan;
  b: AgreementSpan;
}

/**
 * - only-a / only-b: a span the other analyst has nothing overlapping for (after matching);
 * - tag: overlapping spans with different tags;
 * - boundary: same tag, overlapping, different start or end.
 */
export type DisagreementKind = 'only-a' | 'only-b' | 'tag' | 'boundary';

export interface Disagreement {
  kind: DisagreementKind;
  docId: string;
  /** The union of the spans involved (UTF-16), for jumping to it. */
  start: number;
  end: number;
  a: AgreementSpan | null;
  b: AgreementSpan | null;
}

function byPosition(x: AgreementSpan, y: AgreementSpan): number {
  return x.start - y.start || x.end - y.end || x.id.localeCompare(y.id);
}

function overlapLength(a: AgreementSpan, b: AgreementSpan): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

/** Jaccard of two spans as character ranges. */
function jaccard(a: AgreementSpan, b: AgreementSpan): number {
  const inter = overlapLength(a, b);
  return inter <= 0 ? 0 : inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

/** Every (a, b) that overlap, without comparing all pairs: b sorted by start, bounded by the longest b. */
function overlappingPairs(as: readonly AgreementSpan[], bs: readonly AgreementSpan[]): MatchedPair[] {
  const sorted = [...bs].sort(byPosition);
  const longest = sorted.reduce((max, b) => Math.max(max, b.end - b.start), 0);
  const pairs: MatchedPair[] = [];
  for (const a of as) {
    // first b that could reach a: b.start > a.start - longest
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as AgreementSpan).start <= a.start - longest) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const b = sorted[i] as AgreementSpan;
      if (b.start >= a.end) break;
      if (b.end > a.start) pairs.push({ a, b });
    }
  }
  return pairs;
}

/**
 * One-to-one matching of overlapping spans: greedy by largest overlap (Jaccard of the two
 * character ranges), ties by earlier position. Identical spans (Jaccard 1) are matched first.
 */
export function matchOverlapping(as: readonly AgreementSpan[], bs: readonly AgreementSpan[]): MatchedPair[] {
  const candidates = overlappingPairs(as, bs)
    .map((pair) => ({ pair, score: jaccard(pair.a, pair.b) }))
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

/** Number of one-to-one exact matches (same start and end; duplicates match once each). */
export function countExactMatches(as: readonly AgreementSpan[], bs: readonly AgreementSpan[]): number {
  const counts = new Map<string, number>();
  for (const a of as) counts.set(`${a.start}:${a.end}`, (counts.get(`${a.start}:${a.end}`) ?? 0) + 1);
  let matched = 0;
  for (const b of bs) {
    const key = `${b.start}:${b.end}`;
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      matched++;
      counts.set(key, left - 1);
    }
  }
  return matched;
}

function disagreement(kind: DisagreementKind, docId: string, a: AgreementSpan | null, b: AgreementSpan | null): Disagreement {
  const spans = [a, b].filter((s): s is AgreementSpan => s !== null);
  return { kind, docId, start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)), a, b };
}

/**
 * Disagreements on one document, in text order: per tag, overlap-matched pairs whose bounds
 * differ are `boundary`; spans left unmatched are then paired across tags by overlap (`tag`);
 * what remains is `only-a` / `only-b`.
 */
export function findDisagreements(docId: string, as: readonly AgreementSpan[], bs: readonly AgreementSpan[], tags: readonly TagType[]): Disagreement[] {
  const found: Disagreement[] = [];
  const matchedA = new Set<AgreementSpan>();
  const matchedB = new Set<AgreementSpan>();
  for (const tag of tags) {
    const pairs = matchOverlapping(
      as.filter((s) => s.type === tag),
      bs.filter((s) => s.type === tag),
    );
    for (const { a, b } of pairs) {
      matchedA.add(a);
      matchedB.add(b);
      if (a.start !== b.start || a.end !== b.end) found.push(disagreement('boundary', docId, a, b));
    }
  }
  const leftA = as.filter((s) => !matchedA.has(s));
  const leftB = bs.filter((s) => !matchedB.has(s));
  for (const { a, b } of matchOverlapping(leftA, leftB)) {
    matchedA.add(a);
    matchedB.add(b);
    found.push(disagreement('tag', docId, a, b));
  }
  for (const a of leftA) if (!matchedA.has(a)) found.push(disagreement('only-a', docId, a, null));
  for (const b of leftB) if (!matchedB.has(b)) found.push(disagreement('only-b', docId, null, b));
  return found.sort((x, y) => x.start - y.start || x.end - y.end || x.kind.localeCompare(y.kind));
}
