// Reviewing another analyst's spans with records: a decision and each comment are records of the
// reviewer that point at the span; the span itself stays its creator's. Each step comes with the
// records that undo it (a new record is undone by its tombstone). Pure.
import type { CommentRecord, Creator, MarginaliaRecord, ReviewRecord, SpanRecord } from './records';

/** A reviewing step: records to save, and the records that undo it. */
export interface ReviewStep {
  forward: MarginaliaRecord[];
  backward: MarginaliaRecord[];
}

/** What a step needs to know of the document: its live records. */
export interface ReviewContext {
  reviewer: Creator;
  now: string;
  records: readonly MarginaliaRecord[];
  /** A fresh id for each new record the step makes. */
  newId: () => string;
}

/** The tombstone that undoes a record that did not exist before. */
function undoCreate<R extends MarginaliaRecord>(record: R): R {
  return { ...record, deleted: true };
}

/** The reviewer's live decision on `span`, if any. */
export function reviewBy(span: Pick<SpanRecord, 'id'>, reviewerId: string, records: readonly MarginaliaRecord[]): ReviewRecord | undefined {
  return records.find((r): r is ReviewRecord => r.kind === 'review' && !r.deleted && r.target.spanId === span.id && r.creator.id === reviewerId);
}

/** Every live decision on `span`, newest first. */
export function reviewsOf(span: Pick<SpanRecord, 'id'>, records: readonly MarginaliaRecord[]): ReviewRecord[] {
  return records
    .filter((r): r is ReviewRecord => r.kind === 'review' && !r.deleted && r.target.spanId === span.id)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The comment thread on `span`, oldest first. */
export function commentsOn(span: Pick<SpanRecord, 'id'>, records: readonly MarginaliaRecord[]): CommentRecord[] {
  return records
    .filter((r): r is CommentRecord => r.kind === 'comment' && !r.deleted && r.target.spanId === span.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

function requireOther(span: SpanRecord, reviewer: Creator, action: string): void {
  if (span.creator.id === reviewer.id) throw new Error(`You cannot ${action} your own annotation; reviews are for another analyst's work.`);
}

/** The reviewer's span that carries `span` into their layer: a copy made earlier, or their own identical span. */
function carrierOf(span: SpanRecord, reviewer: Creator, records: readonly MarginaliaRecord[]): SpanRecord | undefined {
  const mine = records.filter((r): r is SpanRecord => r.kind === 'span' && !r.deleted && r.creator.id === reviewer.id);
  return (
    mine.find((r) => r.origin?.id === span.id) ??
    mine.find((r) => r.target.start === span.target.start && r.target.end === span.target.end && r.tag === span.tag)
  );
}

/**
 * Accept: the span joins the reviewer's layer (a copy with `origin`, or the reviewer's own
 * identical span, which is linked rather than duplicated) and a decision records it.
 */
export function acceptSpan(span: SpanRecord, context: ReviewContext): ReviewStep {
  requireOther(span, context.reviewer, 'accept');
  const forward: MarginaliaRecord[] = [];
  const backward: MarginaliaRecord[] = [];
  let carrier = carrierOf(span, context.reviewer, context.records);
  if (!carrier) {
    carrier = {
      ...span,
      id: context.newId(),
      creator: context.reviewer,
      rev: 1,
      createdAt: context.now,
      updatedAt: context.now,
      origin: { id: span.id, creatorId: span.creator.id },
    };
    forward.push(carrier);
    backward.push(undoCreate(carrier));
  }
  const existing = reviewBy(span, context.reviewer.id, context.records);
  const decision: ReviewRecord = existing
    ? { ...existing, decision: 'accept', reason: undefined, copyId: carrier.id, updatedAt: context.now }
    : { kind: 'review', id: context.newId(), creator: context.reviewer, rev: 1, createdAt: context.now, updatedAt: context.now, target: { docId: span.target.docId, spanId: span.id }, decision: 'accept', copyId: carrier.id };
  if (decision.reason === undefined) delete decision.reason;
  forward.push(decision);
  backward.push(existing ?? undoCreate(decision));
  return { forward, backward };
}

/** Reject with a reason; a copy made by an earlier accept leaves the reviewer's layer. */
export function rejectSpan(span: SpanRecord, reason: string, context: ReviewContext): ReviewStep {
  requireOther(span, context.reviewer, 'reject');
  const why = reason.trim();
  if (!why) throw new Error('A rejection needs a reason.');
  const forward: MarginaliaRecord[] = [];
  const backward: MarginaliaRecord[] = [];
  const existing = reviewBy(span, context.reviewer.id, context.records);
  const copy = context.records.find((r): r is SpanRecord => r.kind === 'span' && !r.deleted && r.creator.id === context.reviewer.id && r.origin?.id === span.id);
  if (copy) {
    forward.push({ ...copy, deleted: true, updatedAt: context.now });
    backward.push(copy);
  }
  const { copyId: _copy, ...kept } = existing ?? ({} as Partial<ReviewRecord>);
  const decision: ReviewRecord = existing
    ? { ...(kept as ReviewRecord), decision: 'reject', reason: why, updatedAt: context.now }
    : { kind: 'review', id: context.newId(), creator: context.reviewer, rev: 1, createdAt: context.now, updatedAt: context.now, target: { docId: span.target.docId, spanId: span.id }, decision: 'reject', reason: why };
  forward.push(decision);
  backward.push(existing ?? undoCreate(decision));
  return { forward, backward };
}

/** Adds a comment to the span's thread. */
export function commentOnSpan(span: SpanRecord, text: string, context: Omit<ReviewContext, 'records'>): ReviewStep {
  const body = text.trim();
  if (!body) throw new Error('A comment cannot be empty.');
  const comment: CommentRecord = {
    kind: 'comment',
    id: context.newId(),
    creator: context.reviewer,
    rev: 1,
    createdAt: context.now,
    updatedAt: context.now,
    target: { docId: span.target.docId, spanId: span.id },
    text: body,
  };
  return { forward: [comment], backward: [undoCreate(comment)] };
}

/**
 * Other analysts' own work, in text order: what the reviewer can review. Copies made by accepting
 * (spans with an origin) are decisions about a span, not new work, so they are left out.
 */
export function reviewableSpans(records: readonly MarginaliaRecord[], reviewerId: string): SpanRecord[] {
  return records
    .filter((r): r is SpanRecord => r.kind === 'span' && !r.deleted && r.creator.id !== reviewerId && !r.origin)
    .sort((a, b) => a.target.start - b.target.start || b.target.end - a.target.end || a.id.localeCompare(b.id));
}

/** Ids of the spans a reviewer has decided on, in one pass (lists call this for every change). */
function decidedBy(records: readonly MarginaliaRecord[], reviewerId: string): Set<string> {
  const decided = new Set<string>();
  for (const r of records) if (r.kind === 'review' && !r.deleted && r.creator.id === reviewerId) decided.add(r.target.spanId);
  return decided;
}

/** For "12 of 40 reviewed". */
export function reviewProgress(records: readonly MarginaliaRecord[], reviewerId: string): { total: number; reviewed: number } {
  const reviewable = reviewableSpans(records, reviewerId);
  const decided = decidedBy(records, reviewerId);
  return { total: reviewable.length, reviewed: reviewable.filter((s) => decided.has(s.id)).length };
}

/** The review queue: reviewable spans without the reviewer's decision yet, in text order. */
export function pendingSpans(records: readonly MarginaliaRecord[], reviewerId: string): SpanRecord[] {
  const decided = decidedBy(records, reviewerId);
  return reviewableSpans(records, reviewerId).filter((s) => !decided.has(s.id));
}

/** The latest live decision on each reviewed span, in one pass. */
export function latestDecisions(records: readonly MarginaliaRecord[]): Map<string, ReviewRecord> {
  const latest = new Map<string, ReviewRecord>();
  for (const r of records) {
    if (r.kind !== 'review' || r.deleted) continue;
    const known = latest.get(r.target.spanId);
    if (!known || r.updatedAt > known.updatedAt) latest.set(r.target.spanId, r);
  }
  return latest;
}
