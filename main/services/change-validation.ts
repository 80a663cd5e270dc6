// Checks a batch of annotation changes against the document text before anything is written.
// The store trusts what passes here, so every rule the export relies on is enforced.
import { AnnotationChangeSchema, type AnnotationChange, MAX_SPAN_LENGTH } from '../../shared/model';

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

/** Problems with one change, each a sentence naming the annotation. Empty when it is fine. */
export function changeProblems(change: unknown, docId: string, text: string): string[] {
  const parsed = AnnotationChangeSchema.safeParse(change);
  const rawId = (change as { annotation?: { id?: unknown }; id?: unknown } | null)?.annotation?.id ?? (change as { id?: unknown } | null)?.id;
  const label = `annotation ${typeof rawId === 'string' ? rawId : '(no id)'}`;
  if (!parsed.success) {
    return parsed.error.issues.slice(0, 3).map((issue) => {
      const field = issue.path.join('.');
      return `${label}: ${issue.message}${field ? ` (field ${field})` : ''}`;
    });
  }
  const valid: AnnotationChange = parsed.data;
  if (valid.kind === 'delete') {
    return valid.docId === docId ? [] : [`${label}: the deletion is for document ${valid.docId}, not ${docId}`];
  }
  const a = valid.annotation;
  const problems: string[] = [];
  if (a.docId !== docId) problems.push(`${label}: it belongs to document ${a.docId}, not ${docId}`);
  if (a.end - a.start > MAX_SPAN_LENGTH) {
    problems.push(`${label}: the span is ${(a.end - a.start).toLocaleString('en-US')} characters long; a span can be at most ${MAX_SPAN_LENGTH.toLocaleString('en-US')}`);
    return problems;
  }
  if (a.end > text.length) {
    problems.push(`${label}: end ${a.end} is beyond the end of the text (${text.length} UTF-16 code units)`);
    return problems;
  }
  if (splitsSurrogatePair(text, a.start)) problems.push(`${label}: start ${a.start} splits a character (a surrogate pair)`);
  if (splitsSurrogatePair(text, a.end)) problems.push(`${label}: end ${a.end} splits a character (a surrogate pair)`);
  const actual = text.slice(a.start, a.end);
  if (actual !== a.quote) {
    problems.push(`${label}: quote ${preview(a.quote)} does not match the text at ${a.start}-${a.end}, which is ${preview(actual)}`);
  }
  if (text.slice(Math.max(0, a.start - a.prefix.length), a.start) !== a.prefix || a.prefix.length > a.start) {
    problems.push(`${label}: prefix ${preview(a.prefix)} is not the text just before the quote`);
  }
  if (text.slice(a.end, a.end + a.suffix.length) !== a.suffix) {
    problems.push(`${label}: suffix ${preview(a.suffix)} is not the text just after the quote`);
  }
  return problems;
}

/** All problems in a batch (the batch is accepted only when this is empty). */
export function batchProblems(changes: readonly unknown[], docId: string, text: string): string[] {
  if (changes.length === 0) return ['the batch has no changes'];
  return changes.flatMap((change) => changeProblems(change, docId, text));
}
