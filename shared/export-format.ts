// The `marginalia/annotations` export: schemas (zod, also published as JSON Schema), the
// builders that turn records (UTF-16 offsets) into files (code points), and the checks a schema
// cannot express.
//
// Versions:
// - 1: one annotation per span, with author names only.
// - 1.1: 1 plus two optional fields per annotation, `origin` and `review` (the latest decision
//   and the comment thread folded into the annotation). Schema: annotations.v1.schema.json.
// - 2 (written by default): records. Each document keeps its spans under `annotations` with
//   every field of 1, plus `creator` and `rev`; the records about spans are arrays of their own
//   beside them, one per kind (`reviews`, `comments`). A later kind (links, grades, entities…)
//   is one more array and one more entry in RECORD_ARRAYS. Tombstones are not exported.
//   Schema: annotations.v2.schema.json.
// Marginalia reads all three and can still write 1.1 for older copies of itself.
import { z } from 'zod';
import { OriginSchema, ReviewSchema, TagTypeSchema } from './model';
import {
  CREATOR_KINDS,
  type CommentRecord,
  type Creator,
  CreatorSchema,
  MAX_COMMENT_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_REASON_LENGTH,
  type MarginaliaRecord,
  REVIEW_DECISIONS,
  type ReviewRecord,
  type SpanRecord,
  isLegacyCreatorId,
} from './model/records';
import {
  hasOnlyKeys, isDocId, isIsoTime, isNonNegativeInt, isPlainObject, isStringOfLength, isTagType, isValidOrigin, isValidReview,
} from './fast-checks';
import { OffsetConverter } from './offsets';
import { legacyReview } from './review';

export const EXPORT_FORMAT = 'marginalia/annotations' as const;
/** The version this app writes unless asked for another. */
export const EXPORT_VERSION = 2;
/** Versions this app can write: the current one, and 1.1 for older copies of Marginalia. */
export const WRITABLE_EXPORT_VERSIONS = [2, 1.1] as const;
export type WritableExportVersion = (typeof WRITABLE_EXPORT_VERSIONS)[number];
/** Every version this app reads. */
export const READABLE_EXPORT_VERSIONS = [1, 1.1, 2] as const;
export type ExportVersion = (typeof READABLE_EXPORT_VERSIONS)[number];
/** Versions of the 1.x schema (annotations.v1.schema.json). */
export const V1_VERSIONS = [1, 1.1] as const;

const isoTime = z.iso.datetime({ offset: true });
const RecordId = z.string().min(1).max(100);
const CreatorId = z.string().min(1).max(220);

// ---------------------------------------------------------------------------------------------
// Version 1 and 1.1 (unchanged: annotations.v1.schema.json is generated from these)

export const ExportedAnnotationSchema = z
  .object({
    id: z.string().min(1).max(100).describe('Stable annotation id'),
    type: TagTypeSchema.describe('Tag'),
    start: z.number().int().min(0).describe('Start offset in Unicode code points, inclusive'),
    end: z.number().int().min(1).describe('End offset in Unicode code points, exclusive'),
    quote: z.string().min(1).describe('The annotated text: text[start:end]'),
    prefix: z.string().describe('Up to 32 code points before the quote'),
    suffix: z.string().describe('Up to 32 code points after the quote'),
    note: z.string().describe('Free-text note; empty when none'),
    author: z.string().min(1).describe('Analyst who made the annotation'),
    createdAt: isoTime,
    updatedAt: isoTime,
    origin: OriginSchema.optional().describe(
      'Since 1.1. On an annotation copied from another analyst by accepting it: the original id and author',
    ),
    review: ReviewSchema.optional().describe(
      "Since 1.1. A reviewer's decision on this annotation: status pending|accepted|rejected, by, at, reason (for rejected), comments[]",
    ),
  })
  .strict();
/** An annotation of a 1 / 1.1 file. */
export type ExportedAnnotation = z.infer<typeof ExportedAnnotationSchema>;

const documentFields = {
  id: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 (hex) of the normalized UTF-8 text'),
  title: z.string().describe('First non-empty line'),
  fileName: z.string().describe('File name the text was loaded from'),
  length: z.number().int().min(0).describe('Text length in Unicode code points'),
  text: z.string().optional().describe('The normalized text (LF line ends); included by default'),
};

export const ExportedDocumentV1Schema = z
  .object({
    ...documentFields,
    annotations: z.array(ExportedAnnotationSchema),
  })
  .strict();
export type ExportedDocumentV1 = z.infer<typeof ExportedDocumentV1Schema>;

export const ExportFileV1Schema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(V1_VERSIONS).describe('1 or 1.1 (1.1 adds optional origin and review to annotations)'),
    offsetUnit: z.literal('codepoint'),
    exportedAt: isoTime,
    exportedBy: z.string().min(1),
    documents: z.array(ExportedDocumentV1Schema),
  })
  .strict()
  .describe('Marginalia annotations export. Offsets are Unicode code points, end-exclusive.');
export type ExportFileV1 = z.infer<typeof ExportFileV1Schema>;

// ---------------------------------------------------------------------------------------------
// Version 2

const recordFields = {
  creator: CreatorSchema.describe('Who made it: a stable id (name:<name> for work that came from a 1 / 1.1 file), the name shown, person or software'),
  rev: z.number().int().min(1).describe("The creator's revision of this record: a higher rev is a later version"),
};

/** A span of a version-2 file: every field of a 1 annotation, plus its creator and revision. */
export const ExportedSpanSchema = z
  .object({
    id: RecordId.describe('Stable record id'),
    type: TagTypeSchema.describe('Tag'),
    start: z.number().int().min(0).describe('Start offset in Unicode code points, inclusive'),
    end: z.number().int().min(1).describe('End offset in Unicode code points, exclusive'),
    quote: z.string().min(1).describe('The annotated text: text[start:end]'),
    prefix: z.string().describe('Up to 32 code points before the quote'),
    suffix: z.string().describe('Up to 32 code points after the quote'),
    note: z.string().max(MAX_NOTE_LENGTH).describe('Free-text note; empty when none'),
    author: z.string().min(1).max(200).describe("The creator's name (creator.name), as in version 1"),
    createdAt: isoTime,
    updatedAt: isoTime,
    ...recordFields,
    origin: z
      .object({ id: RecordId, author: z.string().min(1).max(200), creatorId: CreatorId })
      .strict()
      .optional()
      .describe("On a copy of another analyst's span made by accepting it: the original's id, its creator's name and id"),
  })
  .strict();
export type ExportedSpan = z.infer<typeof ExportedSpanSchema>;

const aboutSpan = {
  id: RecordId.describe('Stable record id'),
  ...recordFields,
  createdAt: isoTime,
  updatedAt: isoTime,
  spanId: RecordId.describe('The id of the span (in `annotations` of the same document) this is about'),
};

/** A reviewer's decision on another analyst's span. */
export const ExportedReviewSchema = z
  .object({
    ...aboutSpan,
    decision: z.enum(REVIEW_DECISIONS),
    reason: z.string().max(MAX_REASON_LENGTH).optional().describe('Why it was rejected; required for a rejection'),
    copyId: RecordId.optional().describe("On an acceptance: the reviewer's span that carries the accepted span into their layer"),
  })
  .strict()
  .refine((r) => r.decision !== 'reject' || (r.reason ?? '').trim() !== '', { message: 'a rejection needs a reason', path: ['reason'] });
export type ExportedReview = z.infer<typeof ExportedReviewSchema>;

/** One message in a span's comment thread. */
export const ExportedCommentSchema = z
  .object({
    ...aboutSpan,
    text: z.string().min(1).max(MAX_COMMENT_LENGTH).regex(/\S/, 'must not be blank'),
  })
  .strict();
export type ExportedComment = z.infer<typeof ExportedCommentSchema>;

export const ExportedDocumentSchema = z
  .object({
    ...documentFields,
    annotations: z.array(ExportedSpanSchema).describe('The spans, in text order, with the fields of version 1'),
    reviews: z.array(ExportedReviewSchema).optional().describe('Decisions on the spans above (absent: none)'),
    comments: z.array(ExportedCommentSchema).optional().describe('Comments on the spans above (absent: none)'),
  })
  .strict();
/** A document of a version-2 file. */
export type ExportedDocument = z.infer<typeof ExportedDocumentSchema>;

export const ExportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(2),
    offsetUnit: z.literal('codepoint'),
    exportedAt: isoTime,
    exportedBy: z.string().min(1).describe('The name of the analyst who exported it'),
    documents: z.array(ExportedDocumentSchema),
  })
  .strict()
  .describe('Marginalia annotations export, version 2 (records). Offsets are Unicode code points, end-exclusive.');
/** A version-2 file: what Marginalia writes by default. */
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** Any file this app reads. */
export type ReadableExportFile = ExportFile | ExportFileV1;

/** The kinds of record a version-2 document carries beside its spans, by array. Adding a kind adds an entry. */
export const RECORD_ARRAYS = { reviews: 'review', comments: 'comment' } as const;
export type RecordArray = keyof typeof RECORD_ARRAYS;
export type ExportedAboutSpan = ExportedReview | ExportedComment;

// ---------------------------------------------------------------------------------------------
// Published JSON Schemas

function withReasonRule(target: z.ZodType, decisionKey: 'status' | 'decision', rejected: string) {
  return ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => {
    // zod refinements are not emitted; state the one the format relies on.
    if (zodSchema === target) {
      jsonSchema.if = { properties: { [decisionKey]: { const: rejected } }, required: [decisionKey] };
      jsonSchema.then = { required: ['reason'], properties: { reason: { type: 'string', pattern: '\\S' } } };
    }
  };
}

/** JSON Schema (draft 2020-12) of versions 1 and 1.1, generated from the zod schema. */
export function exportJsonSchemaV1(): Record<string, unknown> {
  const generated = z.toJSONSchema(ExportFileV1Schema, {
    target: 'draft-2020-12',
    override: withReasonRule(ReviewSchema, 'status', 'rejected') as never,
  }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://marginalia.invalid/schema/annotations.v1.schema.json',
    title: 'Marginalia annotations export, versions 1 and 1.1',
    ...generated,
  };
}

/** JSON Schema (draft 2020-12) of version 2, generated from the zod schema. */
export function exportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ExportFileSchema, {
    target: 'draft-2020-12',
    override: withReasonRule(ExportedReviewSchema, 'decision', 'reject') as never,
  }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://marginalia.invalid/schema/annotations.v2.schema.json',
    title: 'Marginalia annotations export, version 2',
    ...generated,
  };
}

/** The published schema files (shared/schema/…) and what each holds; `npm run schema` writes them. */
export const PUBLISHED_SCHEMAS = [
  { file: 'annotations.v1.schema.json', generate: exportJsonSchemaV1 },
  { file: 'annotations.v2.schema.json', generate: exportJsonSchema },
] as const;

// ---------------------------------------------------------------------------------------------
// Building exports from records

export interface DocumentForExport {
  id: string;
  title: string;
  fileName: string;
  text: string;
  /**
   * The document's records, tombstones included or not: deleted records are never exported, and
   * neither is a review or comment on a span that is not (they still name creators of origins).
   */
  records: readonly MarginaliaRecord[];
}

export interface BuildExportOptions {
  /** The analyst exporting; "unknown" when they have not given a name. */
  exportedBy: Creator | null;
  includeText: boolean;
  now?: Date;
}

/** Text order: by start, then longer spans first so nesting reads outside-in (as version 1.1 was written). */
function compareSpans(a: SpanRecord, b: SpanRecord): number {
  return a.target.start - b.target.start || b.target.end - a.target.end || a.id.localeCompare(b.id);
}

interface SortedRecords {
  spans: SpanRecord[];
  /** Live reviews and comments on exported spans, in span order, then time, then id. */
  reviews: ReviewRecord[];
  comments: CommentRecord[];
  /** Creator names by creator id, and span creators by span id (deleted ones too), for origins. */
  names: Map<string, string>;
  spanCreators: Map<string, Creator>;
}

function sortRecords(records: readonly MarginaliaRecord[]): SortedRecords {
  const names = new Map<string, string>();
  const spanCreators = new Map<string, Creator>();
  for (const r of records) {
    names.set(r.creator.id, r.creator.name);
    if (r.kind === 'span') spanCreators.set(r.id, r.creator);
  }
  const spans = records.filter((r): r is SpanRecord => r.kind === 'span' && !r.deleted).sort(compareSpans);
  const position = new Map(spans.map((s, i) => [s.id, i]));
  const about = <R extends ReviewRecord | CommentRecord>(kind: R['kind']): R[] =>
    records
      .filter((r): r is R => r.kind === kind && !r.deleted && position.has((r as R).target.spanId))
      .sort(
        (a, b) =>
          (position.get(a.target.spanId) as number) - (position.get(b.target.spanId) as number) ||
          Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
  return { spans, reviews: about<ReviewRecord>('review'), comments: about<CommentRecord>('comment'), names, spanCreators };
}

/** The name to show for a creator id: as known from the document's records, else from the id. */
function nameFor(creatorId: string, names: ReadonlyMap<string, string>): string {
  return names.get(creatorId) ?? (isLegacyCreatorId(creatorId) ? creatorId.slice('name:'.length) || creatorId : creatorId);
}

/** A span's format-1 fields (code points), as every version writes them. */
export function spanFields(span: SpanRecord, converter: Pick<OffsetConverter, 'toCodepoint'>) {
  return {
    id: span.id,
    type: span.tag,
    start: converter.toCodepoint(span.target.start),
    end: converter.toCodepoint(span.target.end),
    quote: span.target.quote,
    prefix: span.target.prefix,
    suffix: span.target.suffix,
    note: span.note,
    author: span.creator.name,
    createdAt: span.createdAt,
    updatedAt: span.updatedAt,
  };
}

function copyCreator(c: Creator): Creator {
  return { id: c.id, name: c.name, kind: c.kind };
}

function aboutSpanFields(r: ReviewRecord | CommentRecord) {
  return { id: r.id, creator: copyCreator(r.creator), rev: r.rev, createdAt: r.createdAt, updatedAt: r.updatedAt, spanId: r.target.spanId };
}

/** Each kind beside spans: how a record becomes an entry of its array. */
export const EXPORT_RECORD_CODECS = {
  reviews: (r: ReviewRecord): ExportedReview => ({
    ...aboutSpanFields(r),
    decision: r.decision,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(r.copyId !== undefined ? { copyId: r.copyId } : {}),
  }),
  comments: (r: CommentRecord): ExportedComment => ({ ...aboutSpanFields(r), text: r.text }),
};

/** One document of a version-2 file. */
export function buildExportDocument(doc: DocumentForExport, includeText: boolean): ExportedDocument {
  const converter = new OffsetConverter(doc.text);
  const sorted = sortRecords(doc.records);
  const annotations = sorted.spans.map(
    (s): ExportedSpan => ({
      ...spanFields(s, converter),
      creator: copyCreator(s.creator),
      rev: s.rev,
      ...(s.origin ? { origin: { id: s.origin.id, author: nameFor(s.origin.creatorId, sorted.names), creatorId: s.origin.creatorId } } : {}),
    }),
  );
  return {
    id: doc.id,
    title: doc.title,
    fileName: doc.fileName,
    length: converter.codepointLength,
    ...(includeText ? { text: doc.text } : {}),
    annotations,
    reviews: sorted.reviews.map(EXPORT_RECORD_CODECS.reviews),
    comments: sorted.comments.map(EXPORT_RECORD_CODECS.comments),
  };
}

/**
 * One document of a 1.1 file, exactly as Marginalia wrote it before records: each annotation
 * carries the latest decision on it and its comment thread (`review`), and a copy its `origin`.
 */
export function buildLegacyExportDocument(doc: DocumentForExport, includeText: boolean): ExportedDocumentV1 {
  const converter = new OffsetConverter(doc.text);
  const sorted = sortRecords(doc.records);
  const annotations = sorted.spans.map((s): ExportedAnnotation => {
    const fields = spanFields(s, converter);
    const originAuthor = s.origin ? nameFor(s.origin.creatorId, sorted.names) : null;
    // 1.1 names analysts only: a copy of a span by someone of the same name cannot be told apart.
    const origin = s.origin && originAuthor !== null && originAuthor !== fields.author ? { id: s.origin.id, author: originAuthor } : undefined;
    const review = legacyReview(
      s,
      sorted.reviews.filter((r) => r.target.spanId === s.id),
      sorted.comments.filter((c) => c.target.spanId === s.id),
    );
    return { ...fields, ...(origin ? { origin } : {}), ...(review ? { review } : {}) };
  });
  return {
    id: doc.id,
    title: doc.title,
    fileName: doc.fileName,
    length: converter.codepointLength,
    ...(includeText ? { text: doc.text } : {}),
    annotations,
  };
}

function fileHead(options: BuildExportOptions) {
  return {
    format: EXPORT_FORMAT as typeof EXPORT_FORMAT,
    offsetUnit: 'codepoint' as const,
    exportedAt: (options.now ?? new Date()).toISOString(),
    exportedBy: options.exportedBy?.name ?? 'unknown',
  };
}

/** A version-2 file around already built documents (in the order given). */
export function assembleExport(documents: ExportedDocument[], options: BuildExportOptions): ExportFile {
  const { format, offsetUnit, exportedAt, exportedBy } = fileHead(options);
  return { format, version: 2, offsetUnit, exportedAt, exportedBy, documents };
}

/** A 1.1 file around already built documents. */
export function assembleLegacyExport(documents: ExportedDocumentV1[], options: BuildExportOptions): ExportFileV1 {
  const { format, offsetUnit, exportedAt, exportedBy } = fileHead(options);
  return { format, version: 1.1, offsetUnit, exportedAt, exportedBy, documents };
}

export function buildExport(docs: readonly DocumentForExport[], options: BuildExportOptions): ExportFile {
  return assembleExport(
    docs.map((d) => buildExportDocument(d, options.includeText)),
    options,
  );
}

export function buildLegacyExport(docs: readonly DocumentForExport[], options: BuildExportOptions): ExportFileV1 {
  return assembleLegacyExport(
    docs.map((d) => buildLegacyExportDocument(d, options.includeText)),
    options,
  );
}

// ---------------------------------------------------------------------------------------------
// Checks a schema cannot express

function fieldPath(docIndex: number, array: string, index: number, field: string, id: string): string {
  return `documents[${docIndex}].${array}[${index}].${field} (id ${id})`;
}

type AnyDocument = ExportedDocument | ExportedDocumentV1;

function isV2Document(doc: AnyDocument): doc is ExportedDocument {
  const first = doc.annotations[0];
  return 'reviews' in doc || 'comments' in doc || (first !== undefined && 'creator' in first);
}

/** Records beside spans of a version-2 document, with the array each is in. */
function aboutSpanEntries(doc: ExportedDocument): { array: RecordArray; index: number; record: ExportedAboutSpan }[] {
  return (Object.keys(RECORD_ARRAYS) as RecordArray[]).flatMap((array) => (doc[array] ?? []).map((record, index) => ({ array, index, record })));
}

/**
 * Problems of one document (at `documents[docIndex]`): offsets beyond the text, quotes that do
 * not equal the text at their offsets and, in version 2, names that are not their creator's and
 * records about spans that are not there. See findExportInconsistencies.
 */
export function findDocumentInconsistencies(doc: AnyDocument, docIndex: number): string[] {
  const problems: string[] = [];
  // Code point offsets map to UTF-16 through the converter: no per-document array of code points.
  const converter = doc.text === undefined ? null : new OffsetConverter(doc.text);
  if (converter && converter.codepointLength !== doc.length) {
    problems.push(`documents[${docIndex}].length (${doc.fileName}): length ${doc.length} does not match its text (${converter.codepointLength} code points)`);
  }
  doc.annotations.forEach((a: ExportedAnnotation | ExportedSpan, i) => {
    const at = (field: string) => fieldPath(docIndex, 'annotations', i, field, a.id);
    if (a.end <= a.start) problems.push(`${at('end')}: end ${a.end} must be greater than start ${a.start}`);
    else if (a.end > doc.length) problems.push(`${at('end')}: end ${a.end} is beyond the document length ${doc.length}`);
    else if (converter && converter.text.slice(converter.toUtf16(a.start), converter.toUtf16(a.end)) !== a.quote) {
      problems.push(`${at('quote')}: quote does not match the text at ${a.start}-${a.end}`);
    }
  });
  if (isV2Document(doc)) problems.push(...recordProblems(doc, docIndex));
  return problems;
}

/** Version 2: who made what, and what each record is about. */
function recordProblems(doc: ExportedDocument, docIndex: number): string[] {
  const problems: string[] = [];
  const spans = new Map(doc.annotations.map((s) => [s.id, s]));
  doc.annotations.forEach((s, i) => {
    const at = (field: string) => fieldPath(docIndex, 'annotations', i, field, s.id);
    if (s.author !== s.creator.name) problems.push(`${at('author')}: ${JSON.stringify(s.author)} is not the name of its creator (${JSON.stringify(s.creator.name)})`);
    if (s.origin?.id === s.id) problems.push(`${at('origin.id')}: a copy cannot be its own origin`);
    else if (s.origin && s.origin.creatorId === s.creator.id) problems.push(`${at('origin.creatorId')}: origin must be another analyst's span, not the creator's own`);
  });
  for (const { array, index, record } of aboutSpanEntries(doc)) {
    const at = (field: string) => fieldPath(docIndex, array, index, field, record.id);
    const span = spans.get(record.spanId);
    if (!span) {
      problems.push(`${at('spanId')}: no annotation with id ${JSON.stringify(record.spanId)} in this document`);
      continue;
    }
    if (!('decision' in record)) continue;
    if (span.creator.id === record.creator.id) problems.push(`${at('creator')}: ${record.creator.name} cannot review their own annotation`);
    if (record.decision !== 'reject' && record.reason !== undefined) problems.push(`${at('reason')}: only a rejection has a reason`);
    if (record.copyId !== undefined) {
      const copy = spans.get(record.copyId);
      if (record.copyId === record.spanId) problems.push(`${at('copyId')}: the copy cannot be the reviewed annotation itself`);
      else if (record.decision !== 'accept') problems.push(`${at('copyId')}: only an acceptance has a copy`);
      else if (copy && copy.creator.id !== record.creator.id) problems.push(`${at('copyId')}: the copy ${record.copyId} is ${copy.creator.name}'s, not the reviewer's`);
    }
  }
  return problems;
}

/**
 * Problems a schema cannot express, in a file of any version. Each message starts with the
 * path of the field, e.g. `documents[2].annotations[5].end (id a7): ...`.
 */
export function findExportInconsistencies(file: ReadableExportFile): string[] {
  return (file.documents as AnyDocument[]).flatMap((doc, d) => findDocumentInconsistencies(doc, d));
}

// ---------------------------------------------------------------------------------------------
// Schema checks with a fast path

const ANNOTATION_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportedAnnotationSchema.shape));
const DOCUMENT_V1_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportedDocumentV1Schema.shape));
const FILE_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportFileSchema.shape));
const SPAN_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportedSpanSchema.shape));
const SPAN_ORIGIN_KEYS: ReadonlySet<string> = new Set(['id', 'author', 'creatorId']);
const REVIEW_KEYS: ReadonlySet<string> = new Set(['id', 'creator', 'rev', 'createdAt', 'updatedAt', 'spanId', 'decision', 'reason', 'copyId']);
const COMMENT_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportedCommentSchema.shape));
const DOCUMENT_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportedDocumentSchema.shape));
const CREATOR_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'kind']);
const CREATOR_KIND_SET: ReadonlySet<unknown> = new Set(CREATOR_KINDS);
const DECISION_SET: ReadonlySet<unknown> = new Set(REVIEW_DECISIONS);
const V1_SET: ReadonlySet<unknown> = new Set(V1_VERSIONS);
const NON_BLANK = /\S/;

/** Mirrors ExportedAnnotationSchema (strict). */
function isConformingAnnotation(a: unknown): boolean {
  return (
    isPlainObject(a) &&
    hasOnlyKeys(a, ANNOTATION_KEYS) &&
    isStringOfLength(a.id, 1, 100) &&
    isTagType(a.type) &&
    isNonNegativeInt(a.start) &&
    isNonNegativeInt(a.end) &&
    a.end >= 1 &&
    isStringOfLength(a.quote, 1) &&
    typeof a.prefix === 'string' &&
    typeof a.suffix === 'string' &&
    typeof a.note === 'string' &&
    isStringOfLength(a.author, 1) &&
    isIsoTime(a.createdAt) &&
    isIsoTime(a.updatedAt) &&
    (!('origin' in a) || isValidOrigin(a.origin)) &&
    (!('review' in a) || isValidReview(a.review))
  );
}

function isConformingCreator(c: unknown): boolean {
  return isPlainObject(c) && hasOnlyKeys(c, CREATOR_KEYS) && isStringOfLength(c.id, 1, 220) && isStringOfLength(c.name, 1, 200) && CREATOR_KIND_SET.has(c.kind);
}

function isRev(value: unknown): boolean {
  return isNonNegativeInt(value) && value >= 1;
}

/** Mirrors ExportedSpanSchema (strict). */
function isConformingSpan(a: unknown): boolean {
  return (
    isPlainObject(a) &&
    hasOnlyKeys(a, SPAN_KEYS) &&
    isStringOfLength(a.id, 1, 100) &&
    isTagType(a.type) &&
    isNonNegativeInt(a.start) &&
    isNonNegativeInt(a.end) &&
    a.end >= 1 &&
    isStringOfLength(a.quote, 1) &&
    typeof a.prefix === 'string' &&
    typeof a.suffix === 'string' &&
    isStringOfLength(a.note, 0, MAX_NOTE_LENGTH) &&
    isStringOfLength(a.author, 1, 200) &&
    isIsoTime(a.createdAt) &&
    isIsoTime(a.updatedAt) &&
    isConformingCreator(a.creator) &&
    isRev(a.rev) &&
    (!('origin' in a) ||
      (isPlainObject(a.origin) &&
        hasOnlyKeys(a.origin, SPAN_ORIGIN_KEYS) &&
        isStringOfLength(a.origin.id, 1, 100) &&
        isStringOfLength(a.origin.author, 1, 200) &&
        isStringOfLength(a.origin.creatorId, 1, 220)))
  );
}

function isConformingAboutSpan(r: unknown, keys: ReadonlySet<string>): r is Record<string, unknown> {
  return (
    isPlainObject(r) &&
    hasOnlyKeys(r, keys) &&
    isStringOfLength(r.id, 1, 100) &&
    isConformingCreator(r.creator) &&
    isRev(r.rev) &&
    isIsoTime(r.createdAt) &&
    isIsoTime(r.updatedAt) &&
    isStringOfLength(r.spanId, 1, 100)
  );
}

/** Mirrors ExportedReviewSchema, refinement included. */
function isConformingReview(r: unknown): boolean {
  if (!isConformingAboutSpan(r, REVIEW_KEYS) || !DECISION_SET.has(r.decision)) return false;
  if ('reason' in r && !isStringOfLength(r.reason, 0, MAX_REASON_LENGTH)) return false;
  if (r.decision === 'reject' && ((r.reason as string | undefined) ?? '').trim() === '') return false;
  return !('copyId' in r) || isStringOfLength(r.copyId, 1, 100);
}

/** Mirrors ExportedCommentSchema. */
function isConformingComment(r: unknown): boolean {
  return isConformingAboutSpan(r, COMMENT_KEYS) && isStringOfLength(r.text, 1, MAX_COMMENT_LENGTH) && NON_BLANK.test(r.text);
}

function isDocumentHead(d: unknown, keys: ReadonlySet<string>): d is Record<string, unknown> {
  return (
    isPlainObject(d) &&
    hasOnlyKeys(d, keys) &&
    isDocId(d.id) &&
    typeof d.title === 'string' &&
    typeof d.fileName === 'string' &&
    isNonNegativeInt(d.length) &&
    (!('text' in d) || typeof d.text === 'string')
  );
}

/** Mirrors ExportedDocumentV1Schema (strict). */
function isConformingDocumentV1(d: unknown): boolean {
  return isDocumentHead(d, DOCUMENT_V1_KEYS) && Array.isArray(d.annotations) && d.annotations.every(isConformingAnnotation);
}

/** Mirrors ExportedDocumentSchema (strict). */
function isConformingDocument(d: unknown): boolean {
  return (
    isDocumentHead(d, DOCUMENT_KEYS) &&
    Array.isArray(d.annotations) &&
    d.annotations.every(isConformingSpan) &&
    (!('reviews' in d) || (Array.isArray(d.reviews) && d.reviews.every(isConformingReview))) &&
    (!('comments' in d) || (Array.isArray(d.comments) && d.comments.every(isConformingComment)))
  );
}

/** The schema of a file's declared version, or null when it declares none this app reads. */
export function schemaForVersion(version: unknown): typeof ExportFileSchema | typeof ExportFileV1Schema | null {
  if (version === 2) return ExportFileSchema;
  return V1_SET.has(version) ? ExportFileV1Schema : null;
}

/**
 * Schema problems of an export of any readable version, as zod words them (`path: message`).
 * A hand-written mirror of the schemas settles the common case (a conforming file) in a
 * fraction of zod's time; only a file it does not clear is parsed by zod, which then decides.
 */
export function findExportSchemaProblems(file: unknown): string[] {
  const version = isPlainObject(file) ? file.version : undefined;
  const conforms =
    isPlainObject(file) &&
    hasOnlyKeys(file, FILE_KEYS) &&
    file.format === EXPORT_FORMAT &&
    (version === 2 || V1_SET.has(version)) &&
    file.offsetUnit === 'codepoint' &&
    isIsoTime(file.exportedAt) &&
    isStringOfLength(file.exportedBy, 1) &&
    Array.isArray(file.documents) &&
    file.documents.every(version === 2 ? isConformingDocument : isConformingDocumentV1);
  if (conforms) return [];
  const schema = schemaForVersion(version);
  if (!schema) return [`version: ${JSON.stringify(version) ?? 'missing'} is not one of ${READABLE_EXPORT_VERSIONS.join(', ')}`];
  const parsed = schema.safeParse(file);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
