// The annotation data model shared by every process. Pure: no DOM, node or electron.
import { z } from 'zod';

export const TAG_TYPES = ['claim', 'source', 'figure', 'place'] as const;
export type TagType = (typeof TAG_TYPES)[number];

export interface TagInfo {
  type: TagType;
  label: string;
  /** Keyboard shortcut shown on the button. */
  key: '1' | '2' | '3' | '4';
  /** Background colour of the highlight. */
  colour: string;
  /** Non-colour cue: the underline style painted under the span and a glyph in lists. */
  underline: 'wavy' | 'dotted' | 'double' | 'dashed';
  glyph: string;
}

export const TAGS: readonly TagInfo[] = [
  { type: 'claim', label: 'Claim', key: '1', colour: '#ffd54f', underline: 'wavy', glyph: '◆' },
  { type: 'source', label: 'Source', key: '2', colour: '#81d4fa', underline: 'dotted', glyph: '●' },
  { type: 'figure', label: 'Figure', key: '3', colour: '#a5d6a7', underline: 'double', glyph: '▲' },
  { type: 'place', label: 'Place', key: '4', colour: '#f48fb1', underline: 'dashed', glyph: '■' },
];

export function tagInfo(type: TagType): TagInfo {
  const info = TAGS.find((t) => t.type === type);
  if (!info) throw new Error(`Unknown tag type: ${type}`);
  return info;
}

export const TagTypeSchema = z.enum(TAG_TYPES);

/** Limits the host enforces and the UI shows before anything is sent. */
export const MAX_NOTE_LENGTH = 100_000;
/** UTF-16 code units; a span is a passage, not a whole book. Checked on new changes only, so older stores still load. */
export const MAX_SPAN_LENGTH = 200_000;

const isoTime = z.iso.datetime({ offset: true });
const analystName = z.string().min(1).max(200);

/** One message in the review thread of an annotation. */
export const ReviewCommentSchema = z
  .object({
    by: analystName,
    at: isoTime,
    text: z.string().min(1).max(10_000).regex(/\S/, 'must not be blank'),
  })
  .strict();
export type ReviewComment = z.infer<typeof ReviewCommentSchema>;

export const REVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * A reviewer's decision on another analyst's annotation. `by`/`at` name the latest decision
 * (for `pending`: whoever opened the thread). Comments never change the decision.
 */
export const ReviewSchema = z
  .object({
    status: z.enum(REVIEW_STATUSES),
    by: analystName,
    at: isoTime,
    /** Why it was rejected; required when status is `rejected`. */
    reason: z.string().max(10_000).optional(),
    comments: z.array(ReviewCommentSchema).max(1000),
  })
  .strict()
  .refine((r) => r.status !== 'rejected' || (r.reason ?? '').trim() !== '', {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type Review = z.infer<typeof ReviewSchema>;

/** Set on my copy of another analyst's annotation that I accepted: links to the original. */
export const OriginSchema = z
  .object({
    id: z.string().min(1).max(100),
    author: analystName,
  })
  .strict();
export type Origin = z.infer<typeof OriginSchema>;

/**
 * One stand-off annotation. Offsets here are UTF-16 code units into the normalized
 * document text (JS-native); the export converts them to code points.
 */
export const AnnotationSchema = z
  .object({
    id: z.string().min(1).max(100),
    docId: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest'),
    type: TagTypeSchema,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    quote: z.string(),
    prefix: z.string(),
    suffix: z.string(),
    note: z.string().max(MAX_NOTE_LENGTH, `a note can be at most ${MAX_NOTE_LENGTH.toLocaleString('en-US')} characters`),
    author: analystName,
    createdAt: isoTime,
    updatedAt: isoTime,
    /** Present on my copy of an annotation accepted from another analyst. */
    origin: OriginSchema.optional(),
    /** A reviewer's decision and comment thread; absent until someone reviews it. */
    review: ReviewSchema.optional(),
    /** Bumped by the store at every saved change (absent: never saved, or saved before revisions). */
    rev: z.number().int().nonnegative().optional(),
  })
  .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] })
  .refine((a) => a.quote.length === a.end - a.start, {
    message: 'quote length must equal end - start',
    path: ['quote'],
  });
export type Annotation = z.infer<typeof AnnotationSchema>;

/**
 * The revision a change was built on: the record's `rev` as this window last saw it, or null for
 * "it does not exist yet". A save whose base is not the stored revision is refused (another
 * window or host changed the record meanwhile). Absent: no check (imports merge on their own rules).
 */
const baseRev = z.number().int().nonnegative().nullable().optional();

/** A change sent from the UI to the store. `put` creates or replaces by id. */
export const AnnotationChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('put'), annotation: AnnotationSchema, baseRev }),
  z.object({ kind: z.literal('delete'), docId: z.string().regex(/^[0-9a-f]{64}$/), id: z.string().min(1).max(100), baseRev }),
]);
export type AnnotationChange = z.infer<typeof AnnotationChangeSchema>;

export type TagCounts = Record<TagType, number>;

export function emptyCounts(): TagCounts {
  return { claim: 0, source: 0, figure: 0, place: 0 };
}

export function countByTag(annotations: readonly Pick<Annotation, 'type'>[]): TagCounts {
  const counts = emptyCounts();
  for (const a of annotations) counts[a.type] += 1;
  return counts;
}

/** Text order: by start, then longer spans first so nesting reads outside-in. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.start - b.start || b.end - a.end || a.id.localeCompare(b.id);
}
