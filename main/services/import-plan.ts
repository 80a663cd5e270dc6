// Deciding where imported annotations go, without writing anything: which local document a
// file document maps to, where each annotation lands in it, and how it merges with what is
// already there. Pure functions over texts and annotations.
import { anchorQuote, fuzzyErrorBudget } from '../../shared/anchoring';
import type { ExportedAnnotation, ExportedDocument } from '../../shared/export-format';
import type { Annotation } from '../../shared/model';
import { OffsetConverter, quoteContext } from '../../shared/offsets';
import { mergeReviews } from '../../shared/review';

export interface LocalDocument {
  id: string;
  title: string;
  fileName: string;
  text: string;
}

/** Word-multiset similarity (Dice) at or above which two texts count as the same article edited. */
export const NEAR_IDENTICAL_SIMILARITY = 0.8;
/** Without the exported text, lengths must be this close (relative). */
export const NEAR_IDENTICAL_LENGTH_RATIO = 0.2;

function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Dice coefficient of the two texts' word multisets: 1 for the same words in any order. */
export function textSimilarity(a: string, b: string): number {
  const ca = wordCounts(a);
  const cb = wordCounts(b);
  let shared = 0;
  let total = 0;
  for (const [word, n] of ca) {
    shared += Math.min(n, cb.get(word) ?? 0);
    total += n;
  }
  for (const n of cb.values()) total += n;
  return total === 0 ? 1 : (2 * shared) / total;
}

/**
 * An open document that is the same article with small edits: same title or file name, and
 * (when the export carries its text) similar words, or else a similar length. Best first:
 * both names equal, then the most similar.
 */
export function findNearIdentical(doc: ExportedDocument, locals: readonly LocalDocument[]): LocalDocument | null {
  const candidates = locals
    .filter((l) => l.id !== doc.id && (l.title === doc.title || l.fileName === doc.fileName))
    .map((local) => {
      const names = Number(local.title === doc.title) + Number(local.fileName === doc.fileName);
      if (doc.text !== undefined) return { local, names, similarity: textSimilarity(doc.text, local.text) };
      const length = new OffsetConverter(local.text).codepointLength;
      const ratio = Math.abs(length - doc.length) / Math.max(length, doc.length, 1);
      return { local, names, similarity: ratio <= NEAR_IDENTICAL_LENGTH_RATIO ? 1 - ratio : 0 };
    })
    .filter((c) => c.similarity >= NEAR_IDENTICAL_SIMILARITY || (doc.text === undefined && c.similarity > 0))
    .sort((x, y) => y.names - x.names || y.similarity - x.similarity);
  return candidates[0]?.local ?? null;
}

export type Placement =
  | { ok: true; annotation: Annotation; method: 'offsets' | 'exact' | 'context' | 'fuzzy'; score: number }
  | { ok: false; reason: string };

function build(exported: ExportedAnnotation, target: LocalDocument, start: number, end: number): Annotation {
  return {
    id: exported.id,
    docId: target.id,
    type: exported.type,
    start,
    end,
    ...quoteContext(target.text, start, end),
    note: exported.note,
    author: exported.author,
    createdAt: exported.createdAt,
    updatedAt: exported.updatedAt,
    ...(exported.origin ? { origin: exported.origin } : {}),
    ...(exported.review ? { review: exported.review } : {}),
  };
}

/**
 * Places an exported annotation (code point offsets) in `target`. In the very text it was made
 * on (`sameText`), at its offsets when the quote is there; otherwise by re-anchoring the quote
 * with its prefix and suffix, the old offsets serving as a hint.
 */
export function placeAnnotation(exported: ExportedAnnotation, target: LocalDocument, converter: OffsetConverter, sameText: boolean): Placement {
  const hintStart = converter.toUtf16(Math.min(exported.start, converter.codepointLength));
  const hintEnd = converter.toUtf16(Math.min(exported.end, converter.codepointLength));
  if (sameText && target.text.slice(hintStart, hintEnd) === exported.quote && hintEnd > hintStart) {
    return { ok: true, annotation: build(exported, target, hintStart, hintEnd), method: 'offsets', score: 1 };
  }
  const anchor = anchorQuote(target.text, { quote: exported.quote, prefix: exported.prefix, suffix: exported.suffix, start: hintStart });
  if (!anchor) {
    const budget = fuzzyErrorBudget(exported.quote.length);
    const allowing = budget > 0 ? ` even allowing ${budget} edit${budget === 1 ? '' : 's'}` : '';
    return { ok: false, reason: `the quote was not found in “${target.title}” (${target.fileName})${allowing}` };
  }
  return { ok: true, annotation: build(exported, target, anchor.start, anchor.end), method: anchor.method, score: anchor.score };
}

/** JSON with object keys sorted, so equal annotations compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export type MergeOutcome = 'added' | 'updated' | 'unchanged';

/**
 * Same id: the newer `updatedAt` keeps its content; review decisions merge separately (newer
 * decision, union of comments), so a reviewer's decision reaches the author even when the
 * annotation itself did not change.
 */
export function mergeAnnotation(local: Annotation | undefined, incoming: Annotation): { annotation: Annotation; outcome: MergeOutcome } {
  if (!local) return { annotation: incoming, outcome: 'added' };
  const base = Date.parse(incoming.updatedAt) > Date.parse(local.updatedAt) ? incoming : local;
  const { review: _review, origin: _origin, ...content } = base;
  const origin = base.origin ?? local.origin ?? incoming.origin;
  const review = mergeReviews(local.review, incoming.review);
  const merged: Annotation = { ...content, ...(origin ? { origin } : {}), ...(review ? { review } : {}) };
  return { annotation: merged, outcome: canonical(merged) === canonical(local) ? 'unchanged' : 'updated' };
}
