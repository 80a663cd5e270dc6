import { describe, expect, it } from 'vitest';
import type { Creator, MarginaliaRecord, SpanRecord } from './records';
import { acceptSpan, commentOnSpan, commentsOn, pendingSpans, rejectSpan, reviewBy, reviewProgress, reviewsOf } from './review-steps';

const ANA: Creator = { id: 'ana-id', name: 'Ana', kind: 'person' };
const BEN: Creator = { id: 'ben-id', name: 'Ben', kind: 'person' };
const DOC = 'd'.repeat(64);
const AT = '2026-03-14T09:30:00.000Z';
const LATER = '2026-03-15T10:00:00.000Z';

function span(id: string, creator: Creator, start: number, end: number, tag: SpanRecord['tag'] = 'place'): SpanRecord {
  return { kind: 'span', id, creator, rev: 1, createdAt: AT, updatedAt: AT, target: { docId: DOC, start, end, quote: 'x'.repeat(end - start), prefix: '', suffix: '' }, tag, note: '' };
}

/** Applies a step's records to a list of live records, as the store and the window do. */
function applied(records: readonly MarginaliaRecord[], step: readonly MarginaliaRecord[]): MarginaliaRecord[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const r of step) {
    if (r.deleted) byId.delete(r.id);
    else byId.set(r.id, r);
  }
  return [...byId.values()];
}

const ids = (() => {
  let n = 0;
  return () => `new-${++n}`;
})();
const context = (records: readonly MarginaliaRecord[], reviewer = ANA) => ({ reviewer, now: LATER, records, newId: ids });

describe('review steps as records', () => {
  const bens = span('b1', BEN, 10, 20);

  it('accept: a copy in the reviewer’s layer with its origin, and a decision pointing at both; undone by tombstones', () => {
    const step = acceptSpan(bens, context([bens]));
    const [copy, decision] = step.forward;
    expect(copy).toMatchObject({ kind: 'span', creator: ANA, origin: { id: 'b1', creatorId: 'ben-id' }, target: bens.target, tag: 'place' });
    expect(decision).toMatchObject({ kind: 'review', creator: ANA, target: { docId: DOC, spanId: 'b1' }, decision: 'accept', copyId: copy?.id });
    expect(decision).not.toHaveProperty('reason');
    expect(step.backward.map((r) => [r.id, r.deleted])).toEqual([[copy?.id, true], [decision?.id, true]]);
    // Ben's span is never touched.
    expect(step.forward.some((r) => r.id === 'b1')).toBe(false);
  });

  it('accepting a span identical to one of mine links my span instead of copying it', () => {
    const mine = span('a1', ANA, 10, 20);
    const step = acceptSpan(bens, context([bens, mine]));
    expect(step.forward).toHaveLength(1);
    expect(step.forward[0]).toMatchObject({ kind: 'review', decision: 'accept', copyId: 'a1' });
  });

  it('reject after accept: the decision changes, the copy leaves my layer; undo brings both back', () => {
    const accepted = applied([bens], acceptSpan(bens, context([bens])).forward);
    const copy = accepted.find((r) => r.kind === 'span' && r.creator.id === ANA.id);
    const step = rejectSpan(bens, ' made up ', context(accepted));
    const after = applied(accepted, step.forward);
    expect(reviewBy(bens, ANA.id, after)).toMatchObject({ decision: 'reject', reason: 'made up' });
    expect(reviewBy(bens, ANA.id, after)).not.toHaveProperty('copyId');
    expect(after.some((r) => r.id === copy?.id)).toBe(false);
    const undone = applied(after, step.backward);
    expect(reviewBy(bens, ANA.id, undone)).toMatchObject({ decision: 'accept', copyId: copy?.id });
    expect(undone.some((r) => r.id === copy?.id)).toBe(true);
    expect(() => rejectSpan(bens, '  ', context(accepted))).toThrow(/needs a reason/);
  });

  it('comments thread in time order; my own spans cannot be accepted or rejected', () => {
    const c1 = commentOnSpan(bens, 'Which video?', { reviewer: ANA, now: AT, newId: ids }).forward;
    const c2 = commentOnSpan(bens, 'The second one', { reviewer: BEN, now: LATER, newId: ids }).forward;
    expect(commentsOn(bens, applied([bens], [...c2, ...c1])).map((c) => c.kind === 'comment' && c.text)).toEqual(['Which video?', 'The second one']);
    expect(() => commentOnSpan(bens, ' ', { reviewer: ANA, now: AT, newId: ids })).toThrow(/cannot be empty/);
    expect(() => acceptSpan(bens, context([bens], BEN))).toThrow(/your own annotation/);
  });

  it('the queue and progress count other analysts’ spans and my decisions only', () => {
    const b2 = span('b2', BEN, 30, 40);
    const mine = span('a1', ANA, 50, 60);
    let records: MarginaliaRecord[] = [bens, b2, mine];
    expect(pendingSpans(records, ANA.id).map((s) => s.id)).toEqual(['b1', 'b2']);
    records = applied(records, rejectSpan(b2, 'no', context(records)).forward);
    expect(pendingSpans(records, ANA.id).map((s) => s.id)).toEqual(['b1']);
    expect(reviewProgress(records, ANA.id)).toEqual({ total: 2, reviewed: 1 });
    // Another reviewer's decision does not take b1 off my queue; the latest decision is shown first.
    const carl: Creator = { id: 'carl', name: 'Carl', kind: 'person' };
    records = applied(records, acceptSpan(bens, context(records, carl)).forward);
    expect(pendingSpans(records, ANA.id).map((s) => s.id)).toEqual(['b1']);
    expect(reviewsOf(bens, records).map((r) => r.creator.name)).toEqual(['Carl']);
  });
});
