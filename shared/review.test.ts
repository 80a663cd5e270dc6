import { describe, expect, it } from 'vitest';
import { type Annotation, AnnotationSchema, type Review } from './model';
import { quoteContext } from './offsets';
import { acceptAnnotation, commentOnAnnotation, mergeReviews, pendingReviews, rejectAnnotation, reviewProblems, reviewProgress } from './review';

const TEXT = 'Officials in Krasnovets said 1,200 residents were evacuated.';
const DOC = 'a'.repeat(64);
const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
const T2 = '2026-03-03T10:00:00.000Z';

function ann(id: string, quote: string, author: string, extra: Partial<Annotation> = {}): Annotation {
  const start = TEXT.indexOf(quote);
  return { id, docId: DOC, type: 'claim', start, end: start + quote.length, ...quoteContext(TEXT, start, start + quote.length), note: 'n', author, createdAt: T0, updatedAt: T0, ...extra };
}

describe('review steps as change batches', () => {
  const bens = ann('b1', '1,200 residents', 'Ben');

  it('accept copies into my layer, linked to the original, and marks the original accepted', () => {
    const edit = acceptAnnotation(bens, { reviewer: 'Ana', now: T1, newId: 'copy-1', existing: [bens] });
    expect(edit.forward).toHaveLength(2);
    const [original, copy] = edit.forward.map((c) => (c.kind === 'put' ? c.annotation : null));
    expect(original?.review).toEqual({ status: 'accepted', by: 'Ana', at: T1, comments: [] });
    expect(copy).toMatchObject({ id: 'copy-1', author: 'Ana', origin: { id: 'b1', author: 'Ben' }, start: bens.start, end: bens.end, createdAt: T1 });
    expect(copy?.review).toBeUndefined();
    for (const a of [original, copy]) expect(AnnotationSchema.safeParse(a).success).toBe(true);
    expect(edit.backward).toEqual([{ kind: 'put', annotation: bens }, { kind: 'delete', docId: DOC, id: 'copy-1' }]);
  });

  it('accepting again reuses the earlier copy; rejecting later removes it', () => {
    const first = acceptAnnotation(bens, { reviewer: 'Ana', now: T1, newId: 'copy-1', existing: [bens] });
    const copy = first.copy as Annotation;
    const again = acceptAnnotation(bens, { reviewer: 'Ana', now: T2, newId: 'copy-2', existing: [bens, copy] });
    expect(again.forward).toHaveLength(1);
    expect(again.copy?.id).toBe('copy-1');
    const rejected = rejectAnnotation(bens, { reviewer: 'Ana', now: T2, reason: '  not a claim ', existing: [bens, copy] });
    expect(rejected.forward).toEqual([
      { kind: 'put', annotation: { ...bens, review: { status: 'rejected', by: 'Ana', at: T2, reason: 'not a claim', comments: [] } } },
      { kind: 'delete', docId: DOC, id: 'copy-1' },
    ]);
    expect(rejected.backward).toEqual([{ kind: 'put', annotation: bens }, { kind: 'put', annotation: copy }]);
  });

  it('refuses to review one’s own annotation and a rejection without a reason', () => {
    expect(() => acceptAnnotation(bens, { reviewer: 'Ben', now: T1, newId: 'x', existing: [] })).toThrow(/own annotation/);
    expect(() => rejectAnnotation(bens, { reviewer: 'Ana', now: T1, reason: ' ', existing: [] })).toThrow(/needs a reason/);
  });

  it('comments open a pending thread, and never change a decision', () => {
    const commented = commentOnAnnotation(bens, { reviewer: 'Ana', now: T1, text: 'Source?' });
    const first = commented.forward[0];
    const withThread = first?.kind === 'put' ? first.annotation : bens;
    expect(withThread.review).toEqual({ status: 'pending', by: 'Ana', at: T1, comments: [{ by: 'Ana', at: T1, text: 'Source?' }] });
    const rejected = { ...bens, review: { status: 'rejected', by: 'Ana', at: T1, reason: 'dup', comments: [] } as Review };
    const reply = commentOnAnnotation(rejected, { reviewer: 'Ben', now: T2, text: 'It is not a duplicate' }).forward[0];
    expect(reply?.kind === 'put' && reply.annotation.review).toEqual({ ...rejected.review, comments: [{ by: 'Ben', at: T2, text: 'It is not a duplicate' }] });
    expect(() => commentOnAnnotation(bens, { reviewer: 'Ana', now: T1, text: '\n' })).toThrow(/empty/);
  });

  it('counts progress and lists the queue in text order', () => {
    const others = [ann('b2', 'Krasnovets', 'Ben'), { ...bens, review: { status: 'accepted', by: 'Ana', at: T1, comments: [] } as Review }, ann('a1', 'evacuated', 'Ana')];
    expect(reviewProgress(others, 'Ana')).toEqual({ total: 2, reviewed: 1 });
    expect(pendingReviews(others, 'Ana').map((a) => a.id)).toEqual(['b2']);
  });
});

describe('mergeReviews', () => {
  const c1 = { by: 'Ana', at: T0, text: 'first' };
  const c2 = { by: 'Ben', at: T1, text: 'reply' };
  const accepted: Review = { status: 'accepted', by: 'Ana', at: T1, comments: [c1] };
  const rejected: Review = { status: 'rejected', by: 'Carl', at: T2, reason: 'wrong tag', comments: [c2, c1] };

  it('keeps the newer decision and the union of comments, in time order', () => {
    expect(mergeReviews(accepted, rejected)).toEqual({ status: 'rejected', by: 'Carl', at: T2, reason: 'wrong tag', comments: [c1, c2] });
    expect(mergeReviews(rejected, accepted)).toEqual({ status: 'rejected', by: 'Carl', at: T2, reason: 'wrong tag', comments: [c1, c2] });
  });

  it('is idempotent and keeps one side when the other has none', () => {
    expect(mergeReviews(accepted, accepted)).toEqual(accepted);
    expect(mergeReviews(undefined, rejected)).toBe(rejected);
    expect(mergeReviews(accepted, undefined)).toBe(accepted);
  });
});

describe('reviewProblems', () => {
  it('names what is wrong with review and origin fields', () => {
    const own = ann('b1', 'Krasnovets', 'Ben', { review: { status: 'accepted', by: 'Ben', at: T1, comments: [] } });
    expect(reviewProblems(own)).toEqual(['annotation b1: Ben cannot accept their own annotation (field review.by)']);
    const copy = ann('c1', 'Krasnovets', 'Ana', { origin: { id: 'c1', author: 'Ana' } });
    expect(reviewProblems(copy)).toEqual([
      'annotation c1: a copy cannot be its own origin (field origin.id)',
      "annotation c1: origin must be another analyst's annotation, not Ana's own (field origin.author)",
    ]);
    expect(reviewProblems(ann('c2', 'Krasnovets', 'Ana', { origin: { id: 'b1', author: 'Ben' } }))).toEqual([]);
  });

  it('the schema requires a reason for a rejection', () => {
    const noReason = ann('b1', 'Krasnovets', 'Ben', { review: { status: 'rejected', by: 'Ana', at: T1, comments: [] } });
    const result = AnnotationSchema.safeParse(noReason);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['review', 'reason']);
  });
});
