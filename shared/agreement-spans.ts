// Span-level comparison of two analysts' annotations on one text: one-to-one matching (exact
// and overlap) and the list of disagreements. Pure. Offsets are UTF-16, as in the store.
import { SpanTree, rangeJaccard } from './agreement-span-tree';
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

/**
 * A search visits at most this many tree nodes (of up to 8 spans each). On the benchmark's
 * 10,000 nested spans per analyst the most any search needed was 182 (median 10); the cap
 * only bounds layouts that defeat the tree's bound (see matchOverlapping).
 */
export const SEARCH_BUDGET = 1024;

/** Largest-Jaccard partners, for the chain in matchOverlapping: a 2-d tree per analyst. */
class Partners {
  private readonly trees: [SpanTree, SpanTree];

  constructor(
    private readonly sides: [readonly AgreementSpan[], readonly AgreementSpan[]],
    live: [number[], number[]],
    private readonly budget: number,
  ) {
    this.trees = [0, 1].map((side) => {
      const spans = sides[side] as readonly AgreementSpan[];
      return new SpanTree(live[side] as number[], spans.map((x) => x.start), spans.map((x) => x.end));
    }) as [SpanTree, SpanTree];
  }

  /** The best live partner on the other side of `sides[side][i]`, or -1. */
  best(side: number, i: number): number {
    const span = (this.sides[side] as readonly AgreementSpan[])[i] as AgreementSpan;
    return (this.trees[1 - side] as SpanTree).best(span.start, span.end, this.budget);
  }

  /** Whether pairing `sides[side][i]` with x beats pairing it with y (other side; ties: earlier x). */
  better(side: number, i: number, x: number, y: number): boolean {
    const span = (this.sides[side] as readonly AgreementSpan[])[i] as AgreementSpan;
    const others = this.sides[1 - side] as readonly AgreementSpan[];
    const jx = jaccard(span, others[x] as AgreementSpan);
    const jy = jaccard(span, others[y] as AgreementSpan);
    return jx > jy || (jx === jy && x < y);
  }

  remove(side: number, i: number): void {
    (this.trees[side] as SpanTree).remove(i);
  }
}

/** Jaccard of two spans as character ranges. */
function jaccard(a: AgreementSpan, b: AgreementSpan): number {
  return rangeJaccard(a.start, a.end, b.start, b.end);
}

/** Index of the first of `sorted` (by start) whose start is at or after `offset`. */
function firstStartingAt(sorted: readonly AgreementSpan[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as AgreementSpan).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pairs up what is left so that no unmatched a overlaps an unmatched b (as greedy matching
 * guarantees): `as` and `bs` are sorted by start; a segment tree keeps the largest end of the
 * unmatched b in each range, so each a finds an overlapping b in O(log n).
 */
function completeMatching(as: readonly AgreementSpan[], bs: readonly AgreementSpan[], matchedA: Uint8Array, matchedB: Uint8Array, matched: [number, number][]): void {
  const leftB = [...bs.keys()].filter((j) => matchedB[j] === 0);
  if (leftB.length === 0) return;
  let size = 1;
  while (size < leftB.length) size *= 2;
  const maxEnd = new Float64Array(2 * size).fill(-Infinity);
  leftB.forEach((j, k) => (maxEnd[size + k] = (bs[j] as AgreementSpan).end));
  for (let node = size - 1; node > 0; node--) maxEnd[node] = Math.max(maxEnd[2 * node] as number, maxEnd[2 * node + 1] as number);
  const leftSpans = leftB.map((j) => bs[j] as AgreementSpan);
  as.forEach((a, i) => {
    if (matchedA[i] === 1) return;
    // candidates: b.start < a.end (a prefix); wanted: the first with b.end > a.start
    const limit = firstStartingAt(leftSpans, a.end);
    const found = firstAbove(maxEnd, size, limit, a.start);
    if (found === -1) return;
    const j = leftB[found] as number;
    matched.push([i, j]);
    matchedA[i] = 1;
    matchedB[j] = 1;
    for (let node = size + found; node > 0; node >>= 1) {
      maxEnd[node] = node >= size ? -Infinity : Math.max(maxEnd[2 * node] as number, maxEnd[2 * node + 1] as number);
    }
  });
}

/** In a max segment tree of `size` leaves: the first leaf below `limit` with a value above `value`, or -1. */
function firstAbove(tree: Float64Array, size: number, limit: number, value: number): number {
  const search = (node: number, lo: number, hi: number): number => {
    if (lo >= limit || (tree[node] as number) <= value) return -1;
    if (node >= size) return lo;
    const mid = (lo + hi) >> 1;
    const inLeft = search(2 * node, lo, mid);
    return inLeft !== -1 ? inLeft : search(2 * node + 1, mid, hi);
  };
  return search(1, 0, size);
}

/**
 * One-to-one matching of overlapping spans: greedy by largest overlap (Jaccard of the two
 * character ranges), ties by earlier position. Identical spans (Jaccard 1) are matched first.
 *
 * Greedy over all overlapping pairs is quadratic when spans nest (every long span overlaps
 * everything inside it), so it is computed without listing the pairs:
 * - identical spans are paired by hash, in position order (what greedy does at Jaccard 1);
 * - the rest with a chain of best partners: follow a -> its best live b -> that b's best live
 *   a -> ... until two spans are each other's best; match them, remove them, go on from the
 *   chain. With one strict order over pairs (Jaccard, then a's position, then b's), a pair
 *   that is mutually best is exactly the pair greedy would take next among them, so the result
 *   is the greedy matching; every span enters the chain at most once, so there are O(n) best-
 *   partner searches, each in a 2-d tree over (start, end) that prunes by a Jaccard bound.
 * Exactness trade-off: a search gives up after `budget` tree nodes and keeps the best found so
 * far, so that time stays O(n log n + n * budget) and memory O(n) whatever the layout. Real
 * nesting stays far below the budget, and the result is then exactly greedy. Layouts that
 * defeat the tree's bound can reach it (e.g. thousands of spans of one length, all containing
 * the same span: all equally good, so every search looks at them all); the matching may then
 * differ from greedy, but it stays one-to-one, pairs only overlapping spans, matches every
 * identical pair greedy matches, and is completed to be maximal (no unmatched span overlaps
 * an unmatched span of the other analyst, which only-a / only-b rely on).
 */
export function matchOverlapping(as: readonly AgreementSpan[], bs: readonly AgreementSpan[], budget = SEARCH_BUDGET): MatchedPair[] {
  const sides: [AgreementSpan[], AgreementSpan[]] = [[...as].sort(byPosition), [...bs].sort(byPosition)];
  const [sortedA, sortedB] = sides;
  const done: [Uint8Array, Uint8Array] = [new Uint8Array(sortedA.length), new Uint8Array(sortedB.length)];
  const matched: [number, number][] = [];
  const pair = (i: number, j: number) => {
    matched.push([i, j]);
    done[0][i] = 1;
    done[1][j] = 1;
  };
  // identical spans, i-th a of a key with the i-th b of that key
  const identical = new Map<string, { next: number; js: number[] }>();
  sortedB.forEach((b, j) => {
    const key = `${b.start}:${b.end}`;
    const entry = identical.get(key);
    if (entry) entry.js.push(j);
    else identical.set(key, { next: 0, js: [j] });
  });
  sortedA.forEach((a, i) => {
    const entry = identical.get(`${a.start}:${a.end}`);
    const j = entry?.js[entry.next];
    if (entry && j !== undefined) {
      entry.next++;
      pair(i, j);
    }
  });
  const live = done.map((flags) => [...flags.keys()].filter((k) => flags[k] === 0)) as [number[], number[]];
  const partners = new Partners(sides, live, budget);
  const onChain: [Uint8Array, Uint8Array] = [new Uint8Array(sortedA.length), new Uint8Array(sortedB.length)];
  // the chain alternates a, b, a, ...: chain[k] is on side k % 2
  const chain: number[] = [];
  const pop = () => {
    const k = chain.length - 1;
    (onChain[k % 2] as Uint8Array)[chain.pop() as number] = 0;
  };
  for (const startA of live[0]) {
    if (done[0][startA] === 1) continue;
    chain.push(startA);
    onChain[0][startA] = 1;
    while (chain.length > 0) {
      const side = (chain.length - 1) % 2;
      const top = chain[chain.length - 1] as number;
      const found = partners.best(side, top);
      if (chain.length === 1) {
        if (found === -1) {
          // no live partner: stays unmatched
          partners.remove(side, top);
          (done[side] as Uint8Array)[top] = 1;
          pop();
          continue;
        }
      } else {
        const previous = chain[chain.length - 2] as number;
        // Mutually best; the other conditions arise only when a search hit its budget, and
        // keep the chain strictly improving (so it ends) by settling for the previous span.
        if (found === -1 || found === previous || (onChain[1 - side] as Uint8Array)[found] === 1 || !partners.better(side, top, found, previous)) {
          const [i, j] = side === 0 ? [top, previous] : [previous, top];
          pair(i, j);
          partners.remove(0, i);
          partners.remove(1, j);
          pop();
          pop();
          continue;
        }
      }
      chain.push(found);
      (onChain[1 - side] as Uint8Array)[found] = 1;
    }
  }
  // `done` also holds the spans left without a partner
  const matchedA = new Uint8Array(sortedA.length);
  const matchedB = new Uint8Array(sortedB.length);
  for (const [i, j] of matched) {
    matchedA[i] = 1;
    matchedB[j] = 1;
  }
  completeMatching(sortedA, sortedB, matchedA, matchedB, matched);
  // in the order greedy takes them
  const pairs = matched.map(([i, j]) => ({ i, j, score: jaccard(sortedA[i] as AgreementSpan, sortedB[j] as AgreementSpan) }));
  pairs.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  return pairs.map(({ i, j }) => ({ a: sortedA[i] as AgreementSpan, b: sortedB[j] as AgreementSpan }));
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
  const perTag = tags.map((tag) =>
    matchOverlapping(
      as.filter((s) => s.type === tag),
      bs.filter((s) => s.type === tag),
    ),
  );
  return disagreementsFromMatches(docId, as, bs, perTag);
}

/** findDisagreements, given each tag's matching (for callers that need those pairs too). */
export function disagreementsFromMatches(docId: string, as: readonly AgreementSpan[], bs: readonly AgreementSpan[], perTag: readonly (readonly MatchedPair[])[]): Disagreement[] {
  const found: Disagreement[] = [];
  const matchedA = new Set<AgreementSpan>();
  const matchedB = new Set<AgreementSpan>();
  for (const pairs of perTag) {
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
