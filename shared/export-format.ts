// The `marginalia/annotations` export: schema (zod, also published as JSON Schema),
// the builder that converts internal UTF-16 offsets to code points, and a consistency check.
//
// Versions: 1 is the original format. 1.1 (written since the review feature) adds two
// optional fields per annotation, `origin` and `review`; a 1.1 file without them is a valid
// 1 file in every other respect. Readers accept both; the major version stays 1, so the
// published schema keeps its path (shared/schema/annotations.v1.schema.json).
import { z } from 'zod';
import { type Annotation, OriginSchema, ReviewSchema, TagTypeSchema, compareAnnotations } from './model';
import {
  hasOnlyKeys, isDocId, isIsoTime, isNonNegativeInt, isPlainObject, isStringOfLength, isTagType, isValidOrigin, isValidReview,
} from './fast-checks';
import { OffsetConverter } from './offsets';

export const EXPORT_FORMAT = 'marginalia/annotations';
/** The version this app writes. */
export const EXPORT_VERSION = 1.1;
/** Every version this app reads. */
export const READABLE_EXPORT_VERSIONS = [1, 1.1] as const;
export type ExportVersion = (typeof READABLE_EXPORT_VERSIONS)[number];

const isoTime = z.iso.datetime({ offset: true });

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
export type ExportedAnnotation = z.infer<typeof ExportedAnnotationSchema>;

export const ExportedDocumentSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 (hex) of the normalized UTF-8 text'),
    title: z.string().describe('First non-empty line'),
    fileName: z.string().describe('File name the text was loaded from'),
    length: z.number().int().min(0).describe('Text length in Unicode code points'),
    text: z.string().optional().describe('The normalized text (LF line ends); included by default'),
    annotations: z.array(ExportedAnnotationSchema),
  })
  .strict();
export type ExportedDocument = z.infer<typeof ExportedDocumentSchema>;

export const ExportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(READABLE_EXPORT_VERSIONS).describe('1 or 1.1 (1.1 adds optional origin and review to annotations)'),
    offsetUnit: z.literal('codepoint'),
    exportedAt: isoTime,
    exportedBy: z.string().min(1),
    documents: z.array(ExportedDocumentSchema),
  })
  .strict()
  .describe('Marginalia annotations export. Offsets are Unicode code points, end-exclusive.');
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** JSON Schema (draft 2020-12) generated from the zod schema; published in shared/schema/. */
export function exportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ExportFileSchema, {
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema }) => {
      // zod refinements are not emitted; state the one the format relies on.
      if (zodSchema === ReviewSchema) {
        jsonSchema.if = { properties: { status: { const: 'rejected' } }, required: ['status'] };
        jsonSchema.then = { required: ['reason'], properties: { reason: { type: 'string', pattern: '\\S' } } };
      }
    },
  }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://marginalia.invalid/schema/annotations.v1.schema.json',
    title: 'Marginalia annotations export, versions 1 and 1.1',
    ...generated,
  };
}

export interface DocumentForExport {
  id: string;
  title: string;
  fileName: string;
  text: string;
  annotations: readonly Annotation[];
}

export interface BuildExportOptions {
  exportedBy: string;
  includeText: boolean;
  now?: Date;
}

function copyReview(review: NonNullable<Annotation['review']>): NonNullable<ExportedAnnotation['review']> {
  return { ...review, comments: review.comments.map((c) => ({ ...c })) };
}

export function buildExportDocument(doc: DocumentForExport, includeText: boolean): ExportedDocument {
  const converter = new OffsetConverter(doc.text);
  const annotations = [...doc.annotations].sort(compareAnnotations).map(
    (a): ExportedAnnotation => ({
      id: a.id,
      type: a.type,
      start: converter.toCodepoint(a.start),
      end: converter.toCodepoint(a.end),
      quote: doc.text.slice(a.start, a.end),
      prefix: a.prefix,
      suffix: a.suffix,
      note: a.note,
      author: a.author,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      ...(a.origin ? { origin: { ...a.origin } } : {}),
      ...(a.review ? { review: copyReview(a.review) } : {}),
    }),
  );
  return {
    id: doc.id,
    title: doc.title,
    fileName: doc.fileName,
    length: converter.codepointLength,
    ...(includeText ? { text: doc.text } : {}),
    annotations,
  };
}

/** The file around already built documents (in the order given). */
export function assembleExport(documents: ExportedDocument[], options: BuildExportOptions): ExportFile {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    offsetUnit: 'codepoint',
    exportedAt: (options.now ?? new Date()).toISOString(),
    exportedBy: options.exportedBy,
    documents,
  };
}

export function buildExport(docs: readonly DocumentForExport[], options: BuildExportOptions): ExportFile {
  return assembleExport(
    docs.map((d) => buildExportDocument(d, options.includeText)),
    options,
  );
}

function annotationPath(docIndex: number, index: number, field: string, id: string): string {
  return `documents[${docIndex}].annotations[${index}].${field} (id ${id})`;
}

/** Problems of one exported document (at `documents[docIndex]`); see findExportInconsistencies. */
export function findDocumentInconsistencies(doc: ExportedDocument, docIndex: number): string[] {
  const problems: string[] = [];
  // Code point offsets map to UTF-16 through the converter: no per-document array of code points.
  const converter = doc.text === undefined ? null : new OffsetConverter(doc.text);
  if (converter && converter.codepointLength !== doc.length) {
    problems.push(`documents[${docIndex}].length (${doc.fileName}): length ${doc.length} does not match its text (${converter.codepointLength} code points)`);
  }
  for (let i = 0; i < doc.annotations.length; i++) {
    const a = doc.annotations[i] as ExportedAnnotation;
    if (a.end <= a.start) problems.push(`${annotationPath(docIndex, i, 'end', a.id)}: end ${a.end} must be greater than start ${a.start}`);
    else if (a.end > doc.length) problems.push(`${annotationPath(docIndex, i, 'end', a.id)}: end ${a.end} is beyond the document length ${doc.length}`);
    else if (converter && converter.text.slice(converter.toUtf16(a.start), converter.toUtf16(a.end)) !== a.quote) {
      problems.push(`${annotationPath(docIndex, i, 'quote', a.id)}: quote does not match the text at ${a.start}-${a.end}`);
    }
  }
  return problems;
}

/**
 * Problems a schema cannot express: offsets beyond the text, and quotes that do not equal
 * the text at their offsets. Each message starts with the path of the field, e.g.
 * `documents[2].annotations[5].end (id a7): ...`.
 */
export function findExportInconsistencies(file: ExportFile): string[] {
  return file.documents.flatMap((doc, d) => findDocumentInconsistencies(doc, d));
}

const ANNOTATION_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportedAnnotationSchema.shape));
const DOCUMENT_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportedDocumentSchema.shape));
const FILE_KEYS: ReadonlySet<string> = new Set(Object.keys(ExportFileSchema.shape));
const READABLE: ReadonlySet<unknown> = new Set(READABLE_EXPORT_VERSIONS);

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

/** Mirrors ExportedDocumentSchema (strict). */
function isConformingDocument(d: unknown): boolean {
  return (
    isPlainObject(d) &&
    hasOnlyKeys(d, DOCUMENT_KEYS) &&
    isDocId(d.id) &&
    typeof d.title === 'string' &&
    typeof d.fileName === 'string' &&
    isNonNegativeInt(d.length) &&
    (!('text' in d) || typeof d.text === 'string') &&
    Array.isArray(d.annotations) &&
    d.annotations.every(isConformingAnnotation)
  );
}

/**
 * Schema problems of an export, as zod words them (`path: message`). A hand-written mirror
 * of ExportFileSchema settles the common case (a conforming file) in a fraction of zod's time;
 * only a file it does not clear is parsed by zod, which then decides.
 */
export function findExportSchemaProblems(file: unknown): string[] {
  const conforms =
    isPlainObject(file) &&
    hasOnlyKeys(file, FILE_KEYS) &&
    file.format === EXPORT_FORMAT &&
    READABLE.has(file.version) &&
    file.offsetUnit === 'codepoint' &&
    isIsoTime(file.exportedAt) &&
    isStringOfLength(file.exportedBy, 1) &&
    Array.isArray(file.documents) &&
    file.documents.every(isConformingDocument);
  if (conforms) return [];
  const parsed = ExportFileSchema.safeParse(file);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
