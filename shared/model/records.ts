// Records: everything an analyst or a program makes. A record has a kind, an id, a creator, a
// revision stamped by the store, timestamps, and a `deleted` tombstone (so deletes replicate).
// Only a record's creator changes it; a decision about someone else's record is a new record
// that points at it. Pure: zod only.
import { z } from 'zod';
import { TagTypeSchema } from '../model';

const isoTime = z.iso.datetime({ offset: true });
export const DOC_ID = /^[0-9a-f]{64}$/;
export const DocIdSchema = z.string().regex(DOC_ID, 'must be a SHA-256 hex digest');
export const RecordIdSchema = z.string().min(1).max(100);

/** Limits the host enforces and the UI shows before anything is sent. */
export const MAX_NOTE_LENGTH = 100_000;
export const MAX_COMMENT_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 10_000;

export const CREATOR_KINDS = ['person', 'software'] as const;

/** Who made a record: a stable id (generated once per analyst) and the name shown. */
export const CreatorSchema = z
  .object({
    id: z.string().min(1).max(220),
    name: z.string().min(1).max(200),
    kind: z.enum(CREATOR_KINDS),
  })
  .strict();
export type Creator = z.infer<typeof CreatorSchema>;

/**
 * The creator of records that came from a file of format 1 or 1.1, which names authors only.
 * Deterministic, so every import of that author's work lands in one layer; never the id of an
 * analyst of this machine (a colleague may have typed the same name).
 */
export function legacyCreator(name: string): Creator {
  return { id: `name:${name}`, name, kind: 'person' };
}

export function isLegacyCreatorId(id: string): boolean {
  return id.startsWith('name:');
}

const base = {
  id: RecordIdSchema,
  creator: CreatorSchema,
  /** Increases by one at every saved change of this record; stamped by the store. */
  rev: z.number().int().positive(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** A tombstone: the record was deleted (kept so the deletion travels with exports and sync). */
  deleted: z.literal(true).optional(),
};

/** Where a span is: UTF-16 offsets into the document's normalized text, plus a W3C quote selector. */
export const SpanTargetSchema = z
  .object({
    docId: DocIdSchema,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    quote: z.string(),
    prefix: z.string(),
    suffix: z.string(),
  })
  .strict()
  .refine((t) => t.end > t.start, { message: 'end must be greater than start', path: ['end'] })
  .refine((t) => t.quote.length === t.end - t.start, { message: 'quote length must equal end - start', path: ['quote'] });
export type SpanTarget = z.infer<typeof SpanTargetSchema>;

/** A record about another record of the same document (a review, a comment). */
export const SpanRefSchema = z.object({ docId: DocIdSchema, spanId: RecordIdSchema }).strict();
export type SpanRef = z.infer<typeof SpanRefSchema>;

export const SpanRecordSchema = z
  .object({
    kind: z.literal('span'),
    ...base,
    target: SpanTargetSchema,
    tag: TagTypeSchema,
    note: z.string().max(MAX_NOTE_LENGTH, `a note can be at most ${MAX_NOTE_LENGTH.toLocaleString('en-US')} characters`),
    /** On my copy of another analyst's span that I accepted: the original. */
    origin: z.object({ id: RecordIdSchema, creatorId: z.string().min(1).max(220) }).strict().optional(),
  })
  .strict();
export type SpanRecord = z.infer<typeof SpanRecordSchema>;

export const REVIEW_DECISIONS = ['accept', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A reviewer's decision on a span of another analyst. */
export const ReviewRecordSchema = z
  .object({
    kind: z.literal('review'),
    ...base,
    target: SpanRefSchema,
    decision: z.enum(REVIEW_DECISIONS),
    /** Why it was rejected; required for a rejection. */
    reason: z.string().max(MAX_REASON_LENGTH).optional(),
    /** The reviewer's span that carries an accepted span into their layer. */
    copyId: RecordIdSchema.optional(),
  })
  .strict()
  .refine((r) => r.decision !== 'reject' || (r.reason ?? '').trim() !== '', { message: 'a rejection needs a reason', path: ['reason'] });
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

export const CommentRecordSchema = z
  .object({
    kind: z.literal('comment'),
    ...base,
    target: SpanRefSchema,
    text: z.string().min(1).max(MAX_COMMENT_LENGTH).regex(/\S/, 'must not be blank'),
  })
  .strict();
export type CommentRecord = z.infer<typeof CommentRecordSchema>;

/** Every kind the store knows. New kinds (link, grade, entity, suggestion…) join this union. */
export const RecordSchema = z.discriminatedUnion('kind', [SpanRecordSchema, ReviewRecordSchema, CommentRecordSchema]);
export type MarginaliaRecord = z.infer<typeof RecordSchema>;
export type RecordKind = MarginaliaRecord['kind'];

/** The document a record belongs to, or null for the corpus scope (records of no single document). */
export function documentOf(record: MarginaliaRecord): string | null {
  return record.target.docId;
}

/**
 * The store accepts a record only as the next revision of what it holds: `rev` 1 for a new
 * record, stored `rev` + 1 for a change (as CouchDB does with _rev). A change built on an older
 * revision is refused: another window or host changed the record meanwhile.
 */
export function expectedRev(stored: Pick<MarginaliaRecord, 'rev'> | undefined): number {
  return (stored?.rev ?? 0) + 1;
}
