// Deciding where imported records go, without writing anything: which local document a file
// document maps to, where each span lands in it, and how each record merges with what is already
// here. Pure functions over texts and records.
import { anchorQuote, fuzzyErrorBudget } from '../../shared/anchoring';
import { type Creator, type MarginaliaRecord, type SpanTarget, isLegacyCreatorId } from '../../shared/model/records';
import { OffsetConverter, quoteContext } from '../../shared/offsets';

export interface LocalDocument {
  id: string;
  title: string;
  fileName: string;
  text: string;
}

/** What a file says about one of its documents. */
export interface FileDocument {
  id: string;
  title: string;
  fileName: string;
  /** In code points. */
  length: number;
  text?: string | undefined;
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
export function findNearIdentical(doc: FileDocument, locals: readonly LocalDocument[]): LocalDocument | null {
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

/** Where a span of a file was: code point offsets of the exported text, and its quote selector. */
export interface ExportedSelector {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

export type Placement =
  | { ok: true; target: SpanTarget; method: 'offsets' | 'exact' | 'context' | 'fuzzy'; score: number }
  | { ok: false; reason: string };

function targetAt(doc: LocalDocument, start: number, end: number): SpanTarget {
  return { docId: doc.id, start, end, ...quoteContext(doc.text, start, end) };
}

/**
 * Places an exported span (code point offsets) in `target` (UTF-16 offsets). In the very text it
 * was made on (`sameText`), at its offsets when the quote is there; otherwise by re-anchoring the
 * quote with its prefix and suffix, the old offsets serving as a hint.
 */
export function placeSpan(exported: ExportedSelector, target: LocalDocument, converter: OffsetConverter, sameText: boolean): Placement {
  const hintStart = converter.toUtf16(Math.min(exported.start, converter.codepointLength));
  const hintEnd = converter.toUtf16(Math.min(exported.end, converter.codepointLength));
  if (sameText && target.text.slice(hintStart, hintEnd) === exported.quote && hintEnd > hintStart) {
    return { ok: true, target: targetAt(target, hintStart, hintEnd), method: 'offsets', score: 1 };
  }
  const anchor = anchorQuote(target.text, { quote: exported.quote, prefix: exported.prefix, suffix: exported.suffix, start: hintStart });
  if (!anchor) {
    const budget = fuzzyErrorBudget(exported.quote.length);
    const allowing = budget > 0 ? ` even allowing ${budget} edit${budget === 1 ? '' : 's'}` : '';
    // The document is named where the orphan is listed; the reason says only why.
    return { ok: false, reason: `the quote was not found in the open copy (${target.fileName})${allowing}` };
  }
  return { ok: true, target: targetAt(target, anchor.start, anchor.end), method: anchor.method, score: anchor.score };
}

/** JSON with object keys sorted and undefined values left out, so equal records compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * What a record says, without its revision; with `aliased`, without who made it either (the
 * creator, and the creator id of a copy's origin), for the same record known under a name-based
 * creator on one side.
 */
function content(record: MarginaliaRecord, aliased: boolean): string {
  const { rev: _rev, ...rest } = record;
  if (!aliased) return canonical(rest);
  const { creator: _creator, ...anonymous } = rest;
  if (anonymous.kind === 'span' && anonymous.origin) return canonical({ ...anonymous, origin: { id: anonymous.origin.id } });
  return canonical(anonymous);
}

function time(iso: string): number {
  return Date.parse(iso);
}

export interface MergeContext {
  /** The analyst of this data dir: their records change only by their own later revisions. */
  analyst: Creator | null;
  /** The file carries no revisions (format 1 / 1.1): "newer" is decided by `updatedAt`. */
  legacy: boolean;
}

export type MergeDecision =
  | { outcome: 'added' | 'updated'; record: MarginaliaRecord }
  /** Nothing to write; `warning` says why the version here was kept over a different one in the file. */
  | { outcome: 'unchanged'; warning?: string };

function newer(incoming: MarginaliaRecord, local: MarginaliaRecord): number {
  return Math.sign(time(incoming.updatedAt) - time(local.updatedAt));
}

/**
 * The creator's latest revision wins. For an incoming record with the id of `local` (the
 * record here, tombstones included):
 * - not here: added (a 1 / 1.1 record gets rev 1);
 * - same creator: a higher rev is taken, a lower one ignored; the same rev with the same content
 *   is unchanged, with other content the copies have diverged: the one here is kept, with a
 *   warning. Files of format 1 / 1.1 have no revs: `updatedAt` decides, and a taken record gets
 *   the next rev here;
 * - the same record under a name-based creator (`name:Ben`, from a 1 / 1.1 file) on one side and
 *   another creator on the other (Ben's id): revisions of the two are not comparable, so they are
 *   compared without creators, `updatedAt` decides, and the creator here is always kept (its rev
 *   moves on by one);
 * - another creator: kept as it is here, with a warning.
 * Never changes a record of the local analyst unless the incoming one is theirs with a higher rev
 * (their other machine).
 */
export function mergeRecord(local: MarginaliaRecord | undefined, incoming: MarginaliaRecord, context: MergeContext): MergeDecision {
  if (!local) return { outcome: 'added', record: context.legacy ? { ...incoming, rev: 1 } : incoming };
  if (local.kind !== incoming.kind) return { outcome: 'unchanged', warning: `a ${local.kind} with this id is here already, so the ${incoming.kind} in the file was left out` };
  const mine = context.analyst !== null && local.creator.id === context.analyst.id;
  const sameCreator = local.creator.id === incoming.creator.id;
  const diverged = { outcome: 'unchanged' as const, warning: 'the file has another version with the same revision (two copies were changed apart); the version here was kept' };

  if (sameCreator) {
    if (!context.legacy) {
      if (incoming.rev > local.rev) return { outcome: 'updated', record: incoming };
      if (incoming.rev < local.rev) return { outcome: 'unchanged' };
      return content(local, false) === content(incoming, false) ? { outcome: 'unchanged' } : diverged;
    }
    if (content(local, false) === content(incoming, false)) return { outcome: 'unchanged' };
    const order = newer(incoming, local);
    if (order > 0) return { outcome: 'updated', record: { ...incoming, rev: local.rev + 1 } };
    return order < 0 ? { outcome: 'unchanged' } : diverged;
  }

  const aliased = isLegacyCreatorId(incoming.creator.id) || isLegacyCreatorId(local.creator.id);
  if (!aliased) {
    return { outcome: 'unchanged', warning: `it is ${local.creator.name}’s here but ${incoming.creator.name}’s in the file (another record with the same id); the one here was kept` };
  }
  const same = content(local, true) === content(incoming, true);
  if (same) return { outcome: 'unchanged' };
  const order = newer(incoming, local);
  if (mine) {
    return order > 0
      ? { outcome: 'unchanged', warning: `it is yours, and the file has a later version of it under the name “${incoming.creator.name}” (from an older export); yours was kept` }
      : { outcome: 'unchanged' };
  }
  if (order > 0) {
    const origin = incoming.kind === 'span' && local.kind === 'span' && incoming.origin && local.origin?.id === incoming.origin.id ? { origin: local.origin } : {};
    return { outcome: 'updated', record: { ...incoming, ...origin, creator: local.creator, rev: local.rev + 1 } as MarginaliaRecord };
  }
  return order < 0 ? { outcome: 'unchanged' } : diverged;
}
