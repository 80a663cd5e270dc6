// Checks a batch of records sent by a window before anything is written: who may change what
// (only a record's creator), and that every span matches the document's text. The store trusts
// what passes here, so every rule the exports rely on is enforced.
import { MAX_SPAN_LENGTH } from '../../shared/model';
import type { Creator, MarginaliaRecord } from '../../shared/model/records';

function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function preview(s: string): string {
  const short = s.length > 40 ? `${s.slice(0, 39)}…` : s;
  return JSON.stringify(short);
}

function label(record: MarginaliaRecord): string {
  return record.kind === 'span' ? `annotation ${record.id}` : `${record.kind} ${record.id}`;
}

/** Sentences naming what is wrong with one span's target; empty when it matches the text. */
function spanProblems(record: Extract<MarginaliaRecord, { kind: 'span' }>, text: string): string[] {
  const { start, end, quote, prefix, suffix } = record.target;
  const name = label(record);
  if (end - start > MAX_SPAN_LENGTH) {
    return [`${name}: the span is ${(end - start).toLocaleString('en-US')} characters long; a span can be at most ${MAX_SPAN_LENGTH.toLocaleString('en-US')}`];
  }
  if (end > text.length) return [`${name}: end ${end} is beyond the end of the text (${text.length} UTF-16 code units)`];
  const problems: string[] = [];
  if (splitsSurrogatePair(text, start)) problems.push(`${name}: start ${start} splits a character (a surrogate pair)`);
  if (splitsSurrogatePair(text, end)) problems.push(`${name}: end ${end} splits a character (a surrogate pair)`);
  const actual = text.slice(start, end);
  if (actual !== quote) problems.push(`${name}: quote ${preview(quote)} does not match the text at ${start}-${end}, which is ${preview(actual)}`);
  if (prefix.length > start || text.slice(start - prefix.length, start) !== prefix) problems.push(`${name}: prefix ${preview(prefix)} is not the text just before the quote`);
  if (text.slice(end, end + suffix.length) !== suffix) problems.push(`${name}: suffix ${preview(suffix)} is not the text just after the quote`);
  return problems;
}

export interface BatchContext {
  docId: string;
  text: string;
  /** Who is saving: only their own records may be created or changed. */
  analyst: Creator;
  /** The records stored now (tombstones included), by id. */
  stored: ReadonlyMap<string, MarginaliaRecord>;
}

/** Everything wrong with a batch, one sentence each; empty when it may be saved. */
export function batchProblems(records: readonly MarginaliaRecord[], context: BatchContext): string[] {
  if (records.length === 0) return ['the batch has no records'];
  const { docId, text, analyst, stored } = context;
  const inBatch = new Map(records.map((r) => [r.id, r]));
  const live = (id: string) => {
    const found = inBatch.get(id) ?? stored.get(id);
    return found && !found.deleted ? found : undefined;
  };
  const problems: string[] = [];
  for (const record of records) {
    const name = label(record);
    if (record.target.docId !== docId) problems.push(`${name}: it belongs to document ${record.target.docId}, not ${docId}`);
    const existing = stored.get(record.id);
    if (existing && existing.kind !== record.kind) problems.push(`${name}: a ${existing.kind} with this id exists already`);
    if (existing && existing.creator.id !== analyst.id) {
      problems.push(`${name}: it is ${existing.creator.name}’s; only its creator can change it (review or comment on it instead)`);
    } else if (record.creator.id !== analyst.id) {
      problems.push(`${name}: it names ${record.creator.name} as its creator, but you are saving it; records are saved by their creator only`);
    }
    if (record.deleted) continue; // a tombstone needs no valid target
    if (record.kind === 'span') {
      problems.push(...spanProblems(record, text));
      if (record.origin && !live(record.origin.id) && !stored.has(record.origin.id)) problems.push(`${name}: its origin ${record.origin.id} is not in this document`);
      continue;
    }
    const span = live(record.target.spanId);
    if (!span || span.kind !== 'span') {
      problems.push(`${name}: it points at annotation ${record.target.spanId}, which is not in this document (it may have been deleted)`);
      continue;
    }
    if (record.kind === 'review') {
      if (span.creator.id === analyst.id) problems.push(`${name}: a review decides on another analyst’s annotation, not one’s own`);
      const copy = record.copyId === undefined ? undefined : live(record.copyId);
      if (record.copyId !== undefined && (!copy || copy.kind !== 'span' || copy.creator.id !== analyst.id)) {
        problems.push(`${name}: its copy ${record.copyId} is not one of your annotations in this document`);
      }
    }
  }
  return problems;
}
