// How overlapping spans stay readable (pure geometry, no DOM):
//
// - Wash: each character shows the wash of the innermost (shortest) span covering it, never a
//   blend of several, so every colour on the page is one of the legend's.
// - Lanes: each span draws its tag's line cue (wavy, dotted, double, dashed) on a band of its
//   own under the text. Spans that share text get different lanes: a greedy assignment in text
//   order (earlier start first, the longer first at the same start), so an outer span sits on
//   the band nearest the text and each nested span one band further down. Two spans of one tag
//   that touch (one ends where the next starts) get different lanes too, since their washes
//   join: the step in the line shows where one ends.
//
// Lanes depend only on the spans that overlap or touch one another transitively (a cluster), so
// they do not change with the scroll position, and a new span only re-lanes its own cluster.

export interface BandSpan {
  id: string;
  start: number;
  end: number;
  /** Spans of one tag that touch are laned apart; without a tag, touching spans share a lane. */
  tag?: string;
}

/** Lanes drawn; spans nested deeper than this share the last lane. */
export const MAX_LANES = 3;

/** Text order: by start, then longer first so nesting reads outside-in, then by id. */
export function compareBandSpans(a: BandSpan, b: BandSpan): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The lane of each span: the lowest lane whose previous span has ended. `spans` must be in
 * text order (compareBandSpans) and hold whole clusters. Lanes are not capped here.
 */
export function assignLanes(spans: readonly BandSpan[]): Map<string, number> {
  const laneLast: BandSpan[] = [];
  const lanes = new Map<string, number>();
  const free = (last: BandSpan, span: BandSpan) => last.end < span.start || (last.end === span.start && (last.tag === undefined || last.tag !== span.tag));
  for (const span of spans) {
    let lane = laneLast.findIndex((last) => free(last, span));
    if (lane === -1) lane = laneLast.length;
    laneLast[lane] = span;
    lanes.set(span.id, lane);
  }
  return lanes;
}

/** The lane a span is drawn on. */
export function drawnLane(lane: number): number {
  return Math.min(lane, MAX_LANES - 1);
}

export interface WashSegment {
  start: number;
  end: number;
  /** The innermost span over this segment. */
  id: string;
}

/** Whether `a` is drawn over `b` where both cover a character: the shorter, then the later starting one. */
function isInner(a: BandSpan, b: BandSpan): boolean {
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return la < lb;
  if (a.start !== b.start) return a.start > b.start;
  return a.id > b.id;
}

/**
 * Maximal segments of [from, to) covered by at least one span, each with the innermost span
 * over it, in text order. Adjacent segments always differ in their span.
 */
export function washSegments(spans: readonly BandSpan[], from = 0, to = Number.POSITIVE_INFINITY): WashSegment[] {
  const clipped = spans.filter((s) => Math.max(s.start, from) < Math.min(s.end, to));
  const points = new Set<number>();
  for (const s of clipped) {
    points.add(Math.max(s.start, from));
    points.add(Math.min(s.end, to));
  }
  const boundaries = [...points].sort((a, b) => a - b);
  const byStart = [...clipped].sort((a, b) => a.start - b.start);
  const active: BandSpan[] = [];
  const segments: WashSegment[] = [];
  let next = 0;
  for (let i = 0; i < boundaries.length - 1; i++) {
    const start = boundaries[i] as number;
    const end = boundaries[i + 1] as number;
    while (next < byStart.length && Math.max((byStart[next] as BandSpan).start, from) <= start) active.push(byStart[next++] as BandSpan);
    for (let k = active.length - 1; k >= 0; k--) if ((active[k] as BandSpan).end <= start) active.splice(k, 1);
    let inner: BandSpan | undefined;
    for (const s of active) if (!inner || isInner(s, inner)) inner = s;
    if (!inner) continue;
    const last = segments.at(-1);
    if (last && last.id === inner.id && last.end === start) last.end = end;
    else segments.push({ start, end, id: inner.id });
  }
  return segments;
}
