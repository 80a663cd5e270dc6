// Hand-written mirrors of the zod schemas in model.ts, for hot paths (loading 100,000 stored
// annotations, checking a 50 MB export). Each is conservative: `true` only when the zod
// schema would accept the value unchanged (no unknown keys to strip). On `false`, callers run
// the zod schema, which decides and explains. fast-checks.test.ts holds the two in step.
import { z } from 'zod';
import { MAX_NOTE_LENGTH, REVIEW_STATUSES, TAG_TYPES } from './model';
import { CREATOR_KINDS, MAX_COMMENT_LENGTH, MAX_REASON_LENGTH, REVIEW_DECISIONS } from './model/records';

/** The very pattern zod uses for `z.iso.datetime({ offset: true })`. */
const ISO_TIME = z.regexes.datetime({ offset: true });
const DOC_ID = /^[0-9a-f]{64}$/;
const NON_BLANK = /\S/;
const TAG_SET: ReadonlySet<unknown> = new Set(TAG_TYPES);
const STATUS_SET: ReadonlySet<unknown> = new Set(REVIEW_STATUSES);

export type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every key is in `allowed` (so zod would neither strip nor reject any; it ignores symbols). */
export function hasOnlyKeys(value: Plain, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

export function isStringOfLength(value: unknown, min: number, max = Number.POSITIVE_INFINITY): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

export function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIME.test(value);
}

export function isNonNegativeInt(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

let lastDocId = '';
export function isDocId(value: unknown): value is string {
  if (value === lastDocId) return true; // a document's annotations all carry its id
  if (typeof value !== 'string' || !DOC_ID.test(value)) return false;
  lastDocId = value;
  return true;
}

export function isTagType(value: unknown): boolean {
  return TAG_SET.has(value);
}

const isAnalystName = (value: unknown): boolean => isStringOfLength(value, 1, 200);

const ORIGIN_KEYS: ReadonlySet<string> = new Set(['id', 'author']);
/** Mirrors OriginSchema. */
export function isValidOrigin(value: unknown): boolean {
  return isPlainObject(value) && hasOnlyKeys(value, ORIGIN_KEYS) && isStringOfLength(value.id, 1, 100) && isAnalystName(value.author);
}

const COMMENT_KEYS: ReadonlySet<string> = new Set(['by', 'at', 'text']);
function isValidComment(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    hasOnlyKeys(value, COMMENT_KEYS) &&
    isAnalystName(value.by) &&
    isIsoTime(value.at) &&
    isStringOfLength(value.text, 1, 10_000) &&
    NON_BLANK.test(value.text)
  );
}

const REVIEW_KEYS: ReadonlySet<string> = new Set(['status', 'by', 'at', 'reason', 'comments']);
/** Mirrors ReviewSchema, including its refinement (a rejection needs a reason). */
export function isValidReview(value: unknown): boolean {
  if (!isPlainObject(value) || !hasOnlyKeys(value, REVIEW_KEYS)) return false;
  if (!STATUS_SET.has(value.status) || !isAnalystName(value.by) || !isIsoTime(value.at)) return false;
  if ('reason' in value && !isStringOfLength(value.reason, 0, 10_000)) return false;
  if (value.status === 'rejected' && ((value.reason as string | undefined) ?? '').trim() === '') return false;
  const comments = value.comments;
  return Array.isArray(comments) && comments.length <= 1000 && comments.every(isValidComment);
}

const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
  'id', 'docId', 'type', 'start', 'end', 'quote', 'prefix', 'suffix', 'note', 'author', 'createdAt', 'updatedAt', 'origin', 'review', 'rev',
]);
/** Mirrors AnnotationSchema (refinements included); unknown keys, which zod would strip, fail. */
export function isValidAnnotation(value: unknown): boolean {
  if (!isPlainObject(value) || !hasOnlyKeys(value, ANNOTATION_KEYS)) return false;
  const { start, end, quote } = value;
  return (
    isStringOfLength(value.id, 1, 100) &&
    isDocId(value.docId) &&
    isTagType(value.type) &&
    isNonNegativeInt(start) &&
    isNonNegativeInt(end) &&
    typeof quote === 'string' &&
    typeof value.prefix === 'string' &&
    typeof value.suffix === 'string' &&
    isStringOfLength(value.note, 0, MAX_NOTE_LENGTH) &&
    isAnalystName(value.author) &&
    isIsoTime(value.createdAt) &&
    isIsoTime(value.updatedAt) &&
    (!('origin' in value) || isValidOrigin(value.origin)) &&
    (!('review' in value) || isValidReview(value.review)) &&
    (!('rev' in value) || isNonNegativeInt(value.rev)) &&
    end > start &&
    quote.length === end - start
  );
}

// Records (shared/model/records.ts), for loading a store of 100,000 of them.
const CREATOR_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'kind']);
const CREATOR_KIND_SET: ReadonlySet<unknown> = new Set(CREATOR_KINDS);
const RECORD_BASE_KEYS = ['kind', 'id', 'creator', 'rev', 'createdAt', 'updatedAt', 'deleted', 'target'];
const SPAN_KEYS: ReadonlySet<string> = new Set([...RECORD_BASE_KEYS, 'tag', 'note', 'origin']);
const REVIEW_RECORD_KEYS: ReadonlySet<string> = new Set([...RECORD_BASE_KEYS, 'decision', 'reason', 'copyId']);
const COMMENT_RECORD_KEYS: ReadonlySet<string> = new Set([...RECORD_BASE_KEYS, 'text']);
const SPAN_TARGET_KEYS: ReadonlySet<string> = new Set(['docId', 'start', 'end', 'quote', 'prefix', 'suffix']);
const SPAN_REF_KEYS: ReadonlySet<string> = new Set(['docId', 'spanId']);
const ORIGIN_RECORD_KEYS: ReadonlySet<string> = new Set(['id', 'creatorId']);
const DECISION_SET: ReadonlySet<unknown> = new Set(REVIEW_DECISIONS);

let lastCreator: unknown = null;
function isValidCreator(value: unknown): boolean {
  if (value === lastCreator) return true;
  const ok = isPlainObject(value) && hasOnlyKeys(value, CREATOR_KEYS) && isStringOfLength(value.id, 1, 220) && isStringOfLength(value.name, 1, 200) && CREATOR_KIND_SET.has(value.kind);
  if (ok) lastCreator = value;
  return ok;
}

function isRecordBase(value: Plain, keys: ReadonlySet<string>): boolean {
  return (
    hasOnlyKeys(value, keys) &&
    isStringOfLength(value.id, 1, 100) &&
    isValidCreator(value.creator) &&
    Number.isSafeInteger(value.rev) &&
    (value.rev as number) >= 1 &&
    isIsoTime(value.createdAt) &&
    isIsoTime(value.updatedAt) &&
    (!('deleted' in value) || value.deleted === true)
  );
}

function isSpanRef(value: unknown): boolean {
  return isPlainObject(value) && hasOnlyKeys(value, SPAN_REF_KEYS) && isDocId(value.docId) && isStringOfLength(value.spanId, 1, 100);
}

/** Mirrors RecordSchema (refinements included); unknown keys, which zod would refuse, fail. */
export function isValidRecord(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  switch (value.kind) {
    case 'span': {
      if (!isRecordBase(value, SPAN_KEYS) || !isTagType(value.tag) || !isStringOfLength(value.note, 0, MAX_NOTE_LENGTH)) return false;
      const target = value.target;
      if (!isPlainObject(target) || !hasOnlyKeys(target, SPAN_TARGET_KEYS) || !isDocId(target.docId)) return false;
      const { start, end, quote } = target;
      if (!isNonNegativeInt(start) || !isNonNegativeInt(end) || typeof quote !== 'string' || typeof target.prefix !== 'string' || typeof target.suffix !== 'string') return false;
      if (end <= start || quote.length !== end - start) return false;
      const origin = value.origin;
      return !('origin' in value) || (isPlainObject(origin) && hasOnlyKeys(origin, ORIGIN_RECORD_KEYS) && isStringOfLength(origin.id, 1, 100) && isStringOfLength(origin.creatorId, 1, 220));
    }
    case 'review':
      return (
        isRecordBase(value, REVIEW_RECORD_KEYS) &&
        isSpanRef(value.target) &&
        DECISION_SET.has(value.decision) &&
        (!('reason' in value) || isStringOfLength(value.reason, 0, MAX_REASON_LENGTH)) &&
        (value.decision !== 'reject' || ((value.reason as string | undefined) ?? '').trim() !== '') &&
        (!('copyId' in value) || isStringOfLength(value.copyId, 1, 100))
      );
    case 'comment':
      return isRecordBase(value, COMMENT_RECORD_KEYS) && isSpanRef(value.target) && isStringOfLength(value.text, 1, MAX_COMMENT_LENGTH) && NON_BLANK.test(value.text);
    default:
      return false;
  }
}
