import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BandSpan, assignLanes, compareBandSpans, washSegments } from './bands';

const span = (id: string, start: number, end: number): BandSpan => ({ id, start, end });
const sorted = (spans: BandSpan[]) => [...spans].sort(compareBandSpans);

describe('assignLanes', () => {
  it('puts the outer span nearest the text and each nesting level one lane further', () => {
    // claim [0, 100) ⊃ figure [0, 15), source [40, 51), claim [60, 100) ⊃ source [60, 64), figure [75, 100)
    const spans = sorted([span('claim', 0, 100), span('figure', 0, 15), span('source', 40, 51), span('claim2', 60, 100), span('kyiv', 60, 64), span('figure2', 75, 100)]);
    const lanes = assignLanes(spans);
    expect(Object.fromEntries(lanes)).toEqual({ claim: 0, figure: 1, source: 1, claim2: 1, kyiv: 2, figure2: 2 });
  });

  it('gives touching spans of different tags the same lane, and of one tag different lanes', () => {
    const tagged = (id: string, start: number, end: number, tag: string): BandSpan => ({ id, start, end, tag });
    const mixed = assignLanes(sorted([tagged('a', 0, 5, 'claim'), tagged('b', 5, 10, 'figure'), tagged('c', 10, 12, 'claim')]));
    expect([...mixed.values()]).toEqual([0, 0, 0]);
    const same = assignLanes(sorted([tagged('a', 0, 5, 'claim'), tagged('b', 5, 10, 'claim'), tagged('c', 10, 12, 'claim'), tagged('d', 13, 20, 'claim')]));
    expect(Object.fromEntries(same)).toEqual({ a: 0, b: 1, c: 0, d: 0 });
  });

  it('never gives two overlapping spans the same lane (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 20 })), { maxLength: 30 }), (pairs) => {
        const spans = sorted(pairs.map(([start, length], i) => span(`s${i}`, start, start + length)));
        const lanes = assignLanes(spans);
        for (const a of spans) {
          for (const b of spans) {
            if (a !== b && a.start < b.end && b.start < a.end) expect(lanes.get(a.id)).not.toBe(lanes.get(b.id));
          }
        }
      }),
    );
  });

  it('gives a cluster the same lanes whatever else is in the list', () => {
    const cluster = [span('a', 10, 30), span('b', 12, 20), span('c', 25, 40)];
    const alone = assignLanes(sorted(cluster));
    const withOthers = assignLanes(sorted([...cluster, span('x', 0, 5), span('y', 2, 8), span('z', 50, 60)]));
    for (const s of cluster) expect(withOthers.get(s.id)).toBe(alone.get(s.id));
  });
});

describe('washSegments', () => {
  it('shows only the innermost span over each character', () => {
    const segments = washSegments([span('claim', 0, 100), span('figure', 0, 15), span('source', 40, 51)]);
    expect(segments).toEqual([
      { start: 0, end: 15, id: 'figure' },
      { start: 15, end: 40, id: 'claim' },
      { start: 40, end: 51, id: 'source' },
      { start: 51, end: 100, id: 'claim' },
    ]);
  });

  it('keeps two adjacent spans apart and leaves gaps unwashed', () => {
    expect(washSegments([span('a', 0, 5), span('b', 5, 9), span('c', 12, 14)])).toEqual([
      { start: 0, end: 5, id: 'a' },
      { start: 5, end: 9, id: 'b' },
      { start: 12, end: 14, id: 'c' },
    ]);
  });

  it('clips to the window', () => {
    expect(washSegments([span('a', 0, 50), span('b', 20, 30)], 25, 40)).toEqual([
      { start: 25, end: 30, id: 'b' },
      { start: 30, end: 40, id: 'a' },
    ]);
  });

  it('over crossing spans, the shorter wins where they share text', () => {
    expect(washSegments([span('long', 0, 20), span('short', 15, 25)])).toEqual([
      { start: 0, end: 15, id: 'long' },
      { start: 15, end: 25, id: 'short' },
    ]);
  });

  it('covers exactly the characters some span covers, each with one of its spans, the shortest (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 15 })), { maxLength: 20 }), (pairs) => {
        const spans = pairs.map(([start, length], i) => span(`s${i}`, start, start + length));
        const segments = washSegments(spans);
        for (let c = 0; c < 60; c++) {
          const covering = spans.filter((s) => s.start <= c && c < s.end);
          const segment = segments.find((s) => s.start <= c && c < s.end);
          if (covering.length === 0) {
            expect(segment).toBeUndefined();
            continue;
          }
          const shortest = Math.min(...covering.map((s) => s.end - s.start));
          const chosen = spans.find((s) => s.id === segment?.id);
          expect(chosen && covering.includes(chosen)).toBe(true);
          expect(chosen && chosen.end - chosen.start).toBe(shortest);
        }
        for (let i = 1; i < segments.length; i++) expect((segments[i] as { start: number }).start).toBeGreaterThanOrEqual((segments[i - 1] as { end: number }).end);
      }),
    );
  });
});
