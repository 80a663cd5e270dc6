// Format 1.1 kept a span's review inside the annotation: the latest decision (status, by, at,
// reason) and the whole comment thread, and named a copy's origin by author. Records keep
// decisions and comments as records of their own (shared/model/review-steps.ts makes them).
// Here: folding records back into the 1.1 `review` field for 1.1 exports, and the checks of
// those fields in a 1.1 file being imported (reading them into records is
// shared/interchange/v1-records.ts). Pure.
import type { Review, ReviewComment } from './model';
import type { CommentRecord, ReviewRecord, SpanRecord } from './model/records';

/** ISO times may carry offsets (+02:00), so they are compared as instants, not as strings. */
function time(iso: string): number {
  return Date.parse(iso);
}

function newestFirst(a: ReviewRecord, b: ReviewRecord): number {
  return time(b.updatedAt) - time(a.updatedAt) || time(b.createdAt) - time(a.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The 1.1 `review` of a span: status, by, at and reason from the latest decision on it, and
 * every comment on it in time order; `pending` (by/at of the first comment) when there are
 * comments but no decision. Undefined when there is neither. A decision by someone of the same
 * name as the span's creator is left out: 1.1 names analysts only, and would read it as a review
 * of one's own annotation.
 */
export function legacyReview(span: Pick<SpanRecord, 'creator'>, reviews: readonly ReviewRecord[], comments: readonly CommentRecord[]): Review | undefined {
  const decision = reviews
    .filter((r) => !r.deleted && r.creator.name !== span.creator.name)
    .sort(newestFirst)[0];
  const thread: ReviewComment[] = comments
    .filter((c) => !c.deleted)
    .sort((a, b) => time(a.createdAt) - time(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ({ by: c.creator.name, at: c.createdAt, text: c.text }));
  if (decision) {
    const status = decision.decision === 'accept' ? 'accepted' : 'rejected';
    return {
      status,
      by: decision.creator.name,
      at: decision.updatedAt,
      ...(status === 'rejected' ? { reason: decision.reason ?? '' } : {}),
      comments: thread,
    };
  }
  const first = thread[0];
  return first ? { status: 'pending', by: first.by, at: first.at, comments: thread } : undefined;
}

/** The fields of a 1.1 annotation the checks below look at. */
export interface LegacyReviewFields {
  id: string;
  author: string;
  origin?: { id: string; author: string };
  review?: Review;
}

/**
 * Problems with the review and origin fields of a 1.1 annotation that the schema cannot see,
 * each naming the annotation and ending with the field, e.g. "(field review.by)".
 */
export function reviewProblems(annotation: LegacyReviewFields): string[] {
  const label = `annotation ${annotation.id}`;
  const problems: string[] = [];
  const { review, origin } = annotation;
  if (review && review.status !== 'pending' && review.by === annotation.author) {
    problems.push(`${label}: ${review.by} cannot ${review.status === 'accepted' ? 'accept' : 'reject'} their own annotation (field review.by)`);
  }
  if (review && review.status !== 'rejected' && review.reason !== undefined) {
    problems.push(`${label}: only a rejection has a reason (field review.reason)`);
  }
  if (origin && origin.id === annotation.id) problems.push(`${label}: a copy cannot be its own origin (field origin.id)`);
  if (origin && origin.author === annotation.author) {
    problems.push(`${label}: origin must be another analyst's annotation, not ${origin.author}'s own (field origin.author)`);
  }
  return problems;
}
