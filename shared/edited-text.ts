// Moving annotations onto a corrected copy of their text (the same file, edited on disk). With
// the earlier text at hand, the edit is located by common prefix and suffix: spans before it keep
// their offsets, spans after it shift by the edit's length. Spans the edit touched, or every span
// when the earlier text was not kept, are re-anchored by quote and context (shared/anchoring.ts),
// as an imported colleague's copy is. Pure.
import { anchorQuote } from './anchoring';

export interface TextEdit {
  /** First UTF-16 offset where the texts differ. */
  start: number;
  /** End of the changed region in the earlier text and in the new one. */
  oldEnd: number;
  newEnd: number;
}

/** The single region where `oldText` and `newText` differ (between their common prefix and suffix). */
export function locateEdit(oldText: string, newText: string): TextEdit {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  return { start, oldEnd: oldText.length - tail, newEnd: newText.length - tail };
}

export type Relocation =
  | { ok: true; start: number; end: number; method: 'kept' | 'shifted' | 'exact' | 'context' | 'fuzzy' }
  | { ok: false; reason: string };

export interface SpanToRelocate {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** Where `span` (offsets in the earlier text) belongs in `newText`. */
export function relocateSpan(span: SpanToRelocate, newText: string, edit: TextEdit | null): Relocation {
  if (edit) {
    const delta = edit.newEnd - edit.oldEnd;
    // Untouched by the edit: before it, or after it (then shifted by its length).
    const moved = span.end <= edit.start ? 0 : span.start >= edit.oldEnd ? delta : null;
    if (moved !== null && newText.slice(span.start + moved, span.end + moved) === span.quote) {
      return { ok: true, start: span.start + moved, end: span.end + moved, method: moved === 0 ? 'kept' : 'shifted' };
    }
  }
  const hint = edit && span.start >= edit.oldEnd ? span.start + edit.newEnd - edit.oldEnd : span.start;
  const anchor = anchorQuote(newText, { quote: span.quote, prefix: span.prefix, suffix: span.suffix, start: hint });
  if (!anchor) return { ok: false, reason: 'its text is no longer in the article' };
  return { ok: true, start: anchor.start, end: anchor.end, method: anchor.method };
}
