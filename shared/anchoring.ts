// Re-anchoring a quote (W3C TextQuoteSelector: quote + prefix + suffix, plus the old position)
// in a text that may have been edited. Pure. Offsets are UTF-16 code units, like the store;
// callers holding code point offsets convert them with OffsetConverter first.
//
// Order, first hit wins:
//   1. exact: the quote is still at the old position with its prefix and suffix;
//   2. context: exact occurrences of the quote, scored by how much prefix/suffix they keep,
//      ties broken by nearness to the old position;
//   3. fuzzy: approximate matches within an error budget (Myers' algorithm, as Hypothesis
//      uses), scored as Hypothesis does: quote similarity (weight 50), prefix (20), suffix (20),
//      position (2);
//   otherwise null: the annotation is an orphan.
import search from 'approx-string-match';
import { alignToCodepoint } from './offsets';

export interface AnchorTarget {
  quote: string;
  prefix: string;
  suffix: string;
  /** Where the quote used to start (UTF-16); a hint only. */
  start: number;
}

export interface Anchor {
  start: number;
  end: number;
  method: 'exact' | 'context' | 'fuzzy';
  /** 1 for a perfect match; lower is worse (fuzzy scores are Hypothesis-style, 0-1). */
  score: number;
}

/** Edits allowed for a fuzzy match: a quarter of the quote, at most this many. */
export const MAX_FUZZY_ERRORS = 64;
/** Quotes shorter than this are never matched fuzzily: a 1-edit match of "Kyiv" is a guess. */
export const MIN_FUZZY_QUOTE_LENGTH = 4;
/** A fuzzy match must score at least this (quote similarity dominates the score). */
export const MIN_FUZZY_SCORE = 0.5;

const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

export function fuzzyErrorBudget(quoteLength: number): number {
  if (quoteLength < MIN_FUZZY_QUOTE_LENGTH) return 0;
  return Math.min(MAX_FUZZY_ERRORS, Math.floor(quoteLength / 4));
}

/** Length of the common suffix of a and b. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Length of the common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Share of prefix and suffix still found right before and after [start, end): 1 when both are intact. */
function exactContextScore(text: string, start: number, end: number, target: AnchorTarget): number {
  const total = target.prefix.length + target.suffix.length;
  if (total === 0) return 1;
  const before = text.slice(Math.max(0, start - target.prefix.length), start);
  const after = text.slice(end, end + target.suffix.length);
  return (commonSuffix(before, target.prefix) + commonPrefix(after, target.suffix)) / total;
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/** Hypothesis's textMatchScore: 1 - edits/length of the best approximate match of `str` in `text`. */
function approxSimilarity(text: string, str: string): number {
  if (str.length === 0) return 1;
  if (text.length === 0) return 0;
  const [best] = search(text, str, str.length);
  return best ? 1 - best.errors / str.length : 0;
}

function fuzzyScore(text: string, match: { start: number; end: number; errors: number }, target: AnchorTarget): number {
  const quoteScore = 1 - match.errors / target.quote.length;
  const prefixScore = target.prefix ? approxSimilarity(text.slice(Math.max(0, match.start - target.prefix.length), match.start), target.prefix) : 1;
  const suffixScore = target.suffix ? approxSimilarity(text.slice(match.end, match.end + target.suffix.length), target.suffix) : 1;
  const positionScore = text.length === 0 ? 1 : 1 - Math.abs(match.start - target.start) / text.length;
  const raw = QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore;
  return raw / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
}

/** Trims whitespace a fuzzy match may have picked up at its edges and keeps surrogate pairs whole. */
function tidySpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  s = alignToCodepoint(text, s, 'back');
  e = alignToCodepoint(text, e, 'forward');
  return s < e ? { start: s, end: e } : null;
}

function anchorExactly(text: string, target: AnchorTarget): Anchor | null {
  const { quote } = target;
  const hintEnd = target.start + quote.length;
  if (text.slice(target.start, hintEnd) === quote && exactContextScore(text, target.start, hintEnd, target) === 1) {
    return { start: target.start, end: hintEnd, method: 'exact', score: 1 };
  }
  const found = occurrences(text, quote);
  let best: { at: number; context: number; distance: number } | null = null;
  for (const at of found) {
    const context = exactContextScore(text, at, at + quote.length, target);
    const distance = Math.abs(at - target.start);
    if (!best || context > best.context || (context === best.context && distance < best.distance)) best = { at, context, distance };
  }
  if (!best) return null;
  const method = best.at === target.start ? 'exact' : 'context';
  // The quote itself matches exactly; context decides between occurrences and shades the score.
  return { start: best.at, end: best.at + quote.length, method, score: (QUOTE_WEIGHT + (PREFIX_WEIGHT + SUFFIX_WEIGHT) * best.context) / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT) };
}

function anchorFuzzily(text: string, target: AnchorTarget): Anchor | null {
  const budget = fuzzyErrorBudget(target.quote.length);
  if (budget === 0) return null;
  let best: Anchor | null = null;
  for (const match of search(text, target.quote, budget)) {
    const span = tidySpan(text, match.start, match.end);
    if (!span) continue;
    const score = fuzzyScore(text, match, target);
    if (!best || score > best.score || (score === best.score && Math.abs(span.start - target.start) < Math.abs(best.start - target.start))) {
      best = { ...span, method: 'fuzzy', score };
    }
  }
  return best && best.score >= MIN_FUZZY_SCORE ? best : null;
}

/** Where the quote is in `text` now, or null when it cannot be found within the error budget. */
export function anchorQuote(text: string, target: AnchorTarget): Anchor | null {
  if (target.quote.length === 0) return null;
  const hinted = { ...target, start: Math.max(0, Math.min(target.start, text.length)) };
  return anchorExactly(text, hinted) ?? anchorFuzzily(text, hinted);
}
