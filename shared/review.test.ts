import { describe, expect, it } from 'vitest';
import { type CommentRecord, type Creator, type ReviewRecord, legacyCreator } from './model/records';
import { legacyReview, reviewProblems } from './review';

const DOC = 'a'.repeat(64);
const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
const T2 = '2026-03-03T10:00:00.000Z';
const ANA: Creator = { id: 'ana-0001', name: 'Ana', kind: 'person' };
const BEN: Creator = { id: 'ben-0001', name: 'Ben', kind: 'person' };
const CARL: Creator = { id: 'carl-0001', name: 'Carl', kind: 'person' };
const span = { creator: BEN };

function decision(id: string, by: Creator, kind: 'accept' | 'reject', at: string, extra: Partial<ReviewRecord> = {}): ReviewRecord {
  return { kind: 'review', id, creator: by, rev: 1, createdAt: at, updatedAt: at, target: { docId: DOC, spanId: 'b1' }, decision: kind, ...(kind === 'reject' ? { reason: 'wrong tag' } : {}), ...extra };
}

function comment(id: string, by: Creator, at: string, text: string, extra: Partial<CommentRecord> = {}): CommentRecord {
  return { kind: 'comment', id, creator: by, rev: 1, createdAt: at, updatedAt: at, target: { docId: DOC, spanId: 'b1' }, text, ...extra };
}

describe('legacyReview (records folded into the 1.1 review field)', () => {
  it('takes status, by, at and reason from the latest decision, and the whole thread in time order', () => {
    const reviews = [decision('r1', ANA, 'accept', T0, { updatedAt: T1 }), decision('r2', CARL, 'reject', T0, { updatedAt: T2 })];
    const comments = [comment('c2', BEN, T2, 'reply'), comment('c1', ANA, T0, 'first')];
    expect(legacyReview(span, reviews, comments)).toEqual({
      status: 'rejected',
      by: 'Carl',
      at: T2,
      reason: 'wrong tag',
      comments: [
        { by: 'Ana', at: T0, text: 'first' },
        { by: 'Ben', at: T2, text: 'reply' },
      ],
    });
    expect(legacyReview(span, [reviews[0] as ReviewRecord], [])).toEqual({ status: 'accepted', by: 'Ana', at: T1, comments: [] });
  });

  it('is pending (by the first commenter) with comments only, and absent with neither', () => {
    expect(legacyReview(span, [], [comment('c2', BEN, T2, 'reply'), comment('c1', CARL, T1, 'source?')])).toEqual({
      status: 'pending',
      by: 'Carl',
      at: T1,
      comments: [
        { by: 'Carl', at: T1, text: 'source?' },
        { by: 'Ben', at: T2, text: 'reply' },
      ],
    });
    expect(legacyReview(span, [], [])).toBeUndefined();
  });

  it('leaves out deleted records, and decisions 1.1 would read as a review of one’s own annotation', () => {
    const withdrawn = decision('r1', ANA, 'reject', T2, { deleted: true });
    const sameName = decision('r2', legacyCreator('Ben'), 'accept', T2);
    expect(legacyReview(span, [withdrawn, sameName, decision('r3', CARL, 'accept', T0)], [comment('c1', ANA, T1, 'gone', { deleted: true })])).toEqual({
      status: 'accepted',
      by: 'Carl',
      at: T0,
      comments: [],
    });
    expect(legacyReview(span, [withdrawn, sameName], [])).toBeUndefined();
  });

  it('writes what reviewProblems accepts', () => {
    const review = legacyReview(span, [decision('r1', ANA, 'reject', T1)], [comment('c1', BEN, T2, 'why?')]);
    expect(reviewProblems({ id: 'b1', author: 'Ben', ...(review ? { review } : {}) })).toEqual([]);
  });
});

describe('reviewProblems (1.1 files)', () => {
  it('names what is wrong with review and origin fields', () => {
    expect(reviewProblems({ id: 'b1', author: 'Ben', review: { status: 'accepted', by: 'Ben', at: T1, comments: [] } })).toEqual([
      'annotation b1: Ben cannot accept their own annotation (field review.by)',
    ]);
    expect(reviewProblems({ id: 'b1', author: 'Ben', review: { status: 'accepted', by: 'Ana', at: T1, reason: 'fine', comments: [] } })).toEqual([
      'annotation b1: only a rejection has a reason (field review.reason)',
    ]);
    expect(reviewProblems({ id: 'c1', author: 'Ana', origin: { id: 'c1', author: 'Ana' } })).toEqual([
      'annotation c1: a copy cannot be its own origin (field origin.id)',
      "annotation c1: origin must be another analyst's annotation, not Ana's own (field origin.author)",
    ]);
    expect(reviewProblems({ id: 'c2', author: 'Ana', origin: { id: 'b1', author: 'Ben' } })).toEqual([]);
    // comments are anyone's, the author's too
    expect(reviewProblems({ id: 'b1', author: 'Ben', review: { status: 'pending', by: 'Ben', at: T1, comments: [{ by: 'Ben', at: T1, text: 'note to self' }] } })).toEqual([]);
  });
});
