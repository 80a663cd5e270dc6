// Reviewing another analyst's annotations: the change batches that accept, reject or comment
// (saved with saveChanges like any edit, so undo works the same way), the merge rule for
// decisions arriving by import, and the checks the core applies before saving. Pure.
import { type Annotation, type AnnotationChange, type Review, type ReviewComment, compareAnnotations } from './model';

/** A reviewing step as changes to save, and the changes that undo it. */
export interface ReviewEdit {
  forward: AnnotationChange[];
  backward: AnnotationChange[];
  /** The copy made by accepting (also the one kept from an earlier accept), if any. */
  copy: Annotation | null;
}

export interface ReviewContext {
  /** The analyst reviewing (settings.analystName). */
  reviewer: string;
  /** ISO time of the step. */
  now: string;
  /** The document's current annotations, to find an earlier copy of the original. */
  existing: readonly Annotation[];
}

function put(annotation: Annotation): AnnotationChange {
  return { kind: 'put', annotation };
}

function del(annotation: Annotation): AnnotationChange {
  return { kind: 'delete', docId: annotation.docId, id: annotation.id };
}

/** `annotation` with `review` replaced (or removed when undefined), keeping key order stable. */
function withReview(annotation: Annotation, review: Review | undefined): Annotation {
  const { review: _old, ...rest } = annotation;
  return review ? { ...rest, review } : rest;
}

/** The reviewer's copy of `original` made by an earlier accept, if there is one. */
export function findCopyOf(original: Pick<Annotation, 'id' | 'author'>, reviewer: string, existing: readonly Annotation[]): Annotation | undefined {
  return existing.find((a) => a.author === reviewer && a.origin?.id === original.id && a.origin.author === original.author);
}

function requireOtherAuthor(original: Annotation, reviewer: string, action: string): void {
  if (original.author === reviewer) throw new Error(`You cannot ${action} your own annotation; reviews are for another analyst's work.`);
}

/**
 * Accept: copies the annotation into the reviewer's layer (new id, author = reviewer, origin =
 * the original) and marks the original accepted. A copy made by an earlier accept is reused.
 */
export function acceptAnnotation(original: Annotation, context: ReviewContext & { newId: string }): ReviewEdit {
  requireOtherAuthor(original, context.reviewer, 'accept');
  const review: Review = { status: 'accepted', by: context.reviewer, at: context.now, comments: original.review?.comments ?? [] };
  const forward = [put(withReview(original, review))];
  const backward = [put(original)];
  let copy = findCopyOf(original, context.reviewer, context.existing) ?? null;
  if (!copy) {
    const { review: _review, origin: _origin, ...content } = original;
    copy = {
      ...content,
      id: context.newId,
      author: context.reviewer,
      createdAt: context.now,
      updatedAt: context.now,
      origin: { id: original.id, author: original.author },
    };
    forward.push(put(copy));
    backward.push(del(copy));
  }
  return { forward, backward, copy };
}

/** Reject with a reason; a copy made by an earlier accept is removed from the reviewer's layer. */
export function rejectAnnotation(original: Annotation, context: ReviewContext & { reason: string }): ReviewEdit {
  requireOtherAuthor(original, context.reviewer, 'reject');
  const reason = context.reason.trim();
  if (!reason) throw new Error('A rejection needs a reason.');
  const review: Review = { status: 'rejected', by: context.reviewer, at: context.now, reason, comments: original.review?.comments ?? [] };
  const forward = [put(withReview(original, review))];
  const backward = [put(original)];
  const copy = findCopyOf(original, context.reviewer, context.existing);
  if (copy) {
    forward.push(del(copy));
    backward.push(put(copy));
  }
  return { forward, backward, copy: null };
}

/** Adds a comment to the thread; the decision (if any) stays as it is, else it is `pending`. */
export function commentOnAnnotation(original: Annotation, context: Omit<ReviewContext, 'existing'> & { text: string }): ReviewEdit {
  const text = context.text.trim();
  if (!text) throw new Error('A comment cannot be empty.');
  const comment: ReviewComment = { by: context.reviewer, at: context.now, text };
  const review: Review = original.review
    ? { ...original.review, comments: [...original.review.comments, comment] }
    : { status: 'pending', by: context.reviewer, at: context.now, comments: [comment] };
  return { forward: [put(withReview(original, review))], backward: [put(original)], copy: null };
}

function commentKey(c: ReviewComment): string {
  return `${c.by}\u0000${c.at}\u0000${c.text}`;
}

function time(iso: string): number {
  return Date.parse(iso);
}

/**
 * Merges two versions of one annotation's review (e.g. mine and one arriving by import): the
 * newer decision wins (ties keep `local`), comments are the union by (by, at, text) in time order.
 */
export function mergeReviews(local: Review | undefined, incoming: Review | undefined): Review | undefined {
  if (!local) return incoming;
  if (!incoming) return local;
  const newer = time(incoming.at) > time(local.at) ? incoming : local;
  const seen = new Set<string>();
  const comments: ReviewComment[] = [];
  for (const c of [...local.comments, ...incoming.comments]) {
    const key = commentKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    comments.push(c);
  }
  comments.sort((a, b) => time(a.at) - time(b.at) || commentKey(a).localeCompare(commentKey(b)));
  const { reason, ...decision } = newer;
  return { ...decision, ...(reason !== undefined ? { reason } : {}), comments };
}

/** Problems with review and origin fields the schema cannot see, each naming the annotation. */
export function reviewProblems(annotation: Annotation): string[] {
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

export interface ReviewProgress {
  /** Other analysts' annotations (copies excluded: they are the reviewer's own). */
  total: number;
  /** Those with an accepted or rejected decision. */
  reviewed: number;
}

/** Annotations the reviewer can review: another analyst's, in text order. */
export function reviewableAnnotations(annotations: readonly Annotation[], reviewer: string): Annotation[] {
  return annotations.filter((a) => a.author !== reviewer).sort(compareAnnotations);
}

/** For "12 of 40 reviewed". */
export function reviewProgress(annotations: readonly Annotation[], reviewer: string): ReviewProgress {
  const reviewable = reviewableAnnotations(annotations, reviewer);
  return { total: reviewable.length, reviewed: reviewable.filter((a) => a.review && a.review.status !== 'pending').length };
}

/** The review queue: reviewable annotations without a decision yet, in text order. */
export function pendingReviews(annotations: readonly Annotation[], reviewer: string): Annotation[] {
  return reviewableAnnotations(annotations, reviewer).filter((a) => !a.review || a.review.status === 'pending');
}
