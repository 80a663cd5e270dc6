// Where two or more spans overlap, computed with a sweep over span boundaries.

export interface Span {
  start: number;
  end: number;
}

/**
 * Maximal segments of [from, to) covered by at least two spans (spans are clipped to
 * the window), in text order.
 */
export function overlapSegments(spans: readonly Span[], from = 0, to = Number.POSITIVE_INFINITY): Span[] {
  const events: number[] = []; // encoded as offset * 2 + (0 for an end, 1 for a start): ends sort first
  for (const span of spans) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (start >= end) continue;
    events.push(start * 2 + 1, end * 2);
  }
  events.sort((a, b) => a - b);
  const segments: Span[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const event of events) {
    const offset = event >> 1;
    const isStart = (event & 1) === 1;
    const before = depth;
    depth += isStart ? 1 : -1;
    if (before < 2 && depth >= 2) openedAt = offset;
    else if (before >= 2 && depth < 2 && offset > openedAt) {
      const last = segments.at(-1);
      if (last && last.end === openedAt) last.end = offset;
      else segments.push({ start: openedAt, end: offset });
    }
  }
  return segments;
}
