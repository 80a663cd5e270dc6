// Format 1 and 1.1 kept everything in one annotation object: the span, the reviewer's decision
// and the comment thread. Records split them: the span is its author's, the decision and each
// comment are records of whoever made them, pointing at the span. Used by the store migration
// and by imports of 1 / 1.1 files. Pure.
import type { Annotation } from '../model';
import type { CommentRecord, Creator, MarginaliaRecord, ReviewRecord, SpanRecord } from '../model/records';
import { stableId } from './stable-id';

/** Turns format-1 annotations (UTF-16 offsets, as stored) into records. */
export function recordsFromV1(annotations: readonly Annotation[], creatorFor: (name: string) => Creator): MarginaliaRecord[] {
  const records: MarginaliaRecord[] = [];
  for (const a of annotations) {
    const creator = creatorFor(a.author);
    const span: SpanRecord = {
      kind: 'span',
      id: a.id,
      creator,
      rev: a.rev ?? 1,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      target: { docId: a.docId, start: a.start, end: a.end, quote: a.quote, prefix: a.prefix, suffix: a.suffix },
      tag: a.type,
      note: a.note,
      ...(a.origin ? { origin: { id: a.origin.id, creatorId: creatorFor(a.origin.author).id } } : {}),
    };
    records.push(span);
    const review = a.review;
    if (!review) continue;
    const target = { docId: a.docId, spanId: a.id };
    if (review.status !== 'pending') {
      const reviewer = creatorFor(review.by);
      // The reviewer's copy, if accepting made one: their span whose origin is this one.
      const copy = annotations.find((b) => b.origin?.id === a.id && creatorFor(b.author).id === reviewer.id);
      const decision: ReviewRecord = {
        kind: 'review',
        id: stableId('review', a.id, reviewer.id),
        creator: reviewer,
        rev: 1,
        createdAt: review.at,
        updatedAt: review.at,
        target,
        decision: review.status === 'accepted' ? 'accept' : 'reject',
        ...(review.status === 'rejected' ? { reason: review.reason ?? '' } : {}),
        ...(copy ? { copyId: copy.id } : {}),
      };
      records.push(decision);
    }
    for (const comment of review.comments) {
      const record: CommentRecord = {
        kind: 'comment',
        id: stableId('comment', a.id, comment.by, comment.at, comment.text),
        creator: creatorFor(comment.by),
        rev: 1,
        createdAt: comment.at,
        updatedAt: comment.at,
        target,
        text: comment.text,
      };
      records.push(record);
    }
  }
  return records;
}
