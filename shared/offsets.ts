// Offset arithmetic: UTF-16 (internal) <-> Unicode code points (export), selection snapping,
// and W3C TextQuoteSelector-style context.

const CONTEXT_CODEPOINTS = 32;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Converts offsets between UTF-16 code units and code points for one text.
 * Precomputes where surrogate pairs start, so each conversion is a binary search.
 */
export class OffsetConverter {
  /** UTF-16 index of the high surrogate of every well-formed pair, ascending. */
  private readonly pairStarts: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.pairStarts.push(i);
        i++;
      }
    }
  }

  get codepointLength(): number {
    return this.text.length - this.pairStarts.length;
  }

  /** Code point offset of a UTF-16 offset. An offset inside a pair counts as its start. */
  toCodepoint(utf16: number): number {
    // Each pair that starts before utf16 contributes one extra code unit: a pair that ends at
    // or before it, or one that utf16 points into (which then maps to the pair's start).
    let lo = 0;
    let hi = this.pairStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.pairStarts[mid] as number) < utf16) lo = mid + 1;
      else hi = mid;
    }
    return utf16 - lo;
  }

  /** UTF-16 offset of a code point offset. */
  toUtf16(codepoint: number): number {
    // pair k starts at code point pairStarts[k] - k
    let lo = 0;
    let hi = this.pairStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.pairStarts[mid] as number) - mid < codepoint) lo = mid + 1;
      else hi = mid;
    }
    return codepoint + lo;
  }
}

/** Moves an offset off the middle of a surrogate pair (towards `direction`). */
export function alignToCodepoint(text: string, offset: number, direction: 'back' | 'forward'): number {
  if (offset > 0 && offset < text.length && isLowSurrogate(text.charCodeAt(offset)) && isHighSurrogate(text.charCodeAt(offset - 1))) {
    return direction === 'back' ? offset - 1 : offset + 1;
  }
  return offset;
}

const WORD_WINDOW = 64;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The [start, end) of the word-like segment containing `offset`, or null if it is not in a word. */
function wordAround(text: string, offset: number): [number, number] | null {
  const from = Math.max(0, offset - WORD_WINDOW);
  const to = Math.min(text.length, offset + WORD_WINDOW);
  for (const seg of segmenter.segment(text.slice(from, to))) {
    const start = from + seg.index;
    const end = start + seg.segment.length;
    if (start <= offset && offset < end) return seg.isWordLike ? [start, end] : null;
  }
  return null;
}

export interface SnapOptions {
  /**
   * Extend a partial word at either edge to the whole word, and drop punctuation and quotes
   * around the words (", Kursk" is "Kursk"), keeping what belongs to them: inner punctuation
   * ("U.S.", "1,200", "Zelenskyy's"), a closing bracket or quote whose opening one is inside
   * the span and the other way round, an abbreviation's final dot, a trailing "%", and a
   * leading "#" or "@".
   */
  toWordBoundaries: boolean;
}

const WHITESPACE = /\s/;
const PUNCTUATION = /\p{P}/u;
/** Punctuation that belongs to the word next to it when it ends a span… */
const KEEP_TRAILING = new Set(['%', '\u2030', '\u2031', '\u2032', '\u2033']);
/** …and when it starts one (hashtags, handles). */
const KEEP_LEADING = new Set(['#', '@']);
/** Opening bracket or quote → its closing one (straight quotes close themselves). */
const PAIRS = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['\u201c', '\u201d'], // “ ”
  ['\u2018', '\u2019'], // ‘ ’
  ['\u201e', '\u201c'], // „ “
  ['\u00ab', '\u00bb'], // « »
  ['\u2039', '\u203a'], // ‹ ›
  ['"', '"'],
  ["'", "'"],
]);
const CLOSERS = new Map([...PAIRS].map(([open, close]) => [close, open]));
/** Common abbreviations that end in a dot; single letters with dots (U.S., a.m.) are found by shape. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st gen lt col maj sgt capt cpl adm gov sen rep prof jr sr inc ltd co corp dept no nos vs etc approx est jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

/** Whether the dot at `dot` ends an abbreviation ("U.S.", "a.m.", "Gen."). */
function isAbbreviationDot(text: string, dot: number): boolean {
  if (text[dot] !== '.') return false;
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1] as string)) from--;
  const word = text.slice(from, dot);
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** The index of the partner of the bracket or quote at `at` within [start, end), or -1. */
function partnerIndex(text: string, at: number, start: number, end: number): number {
  const c = text[at] as string;
  const close = PAIRS.get(c);
  const open = CLOSERS.get(c);
  if (close !== undefined && close !== c) {
    let depth = 0;
    for (let i = at; i < end; i++) {
      if (text[i] === c) depth++;
      else if (text[i] === close && --depth === 0) return i;
    }
  }
  if (open !== undefined && open !== c) {
    let depth = 0;
    for (let i = at; i >= start; i--) {
      if (text[i] === c) depth++;
      else if (text[i] === open && --depth === 0) return i;
    }
  }
  if (close === c) {
    // A straight quote: the nearest other one on either side.
    for (let i = at + 1; i < end; i++) if (text[i] === c) return i;
    for (let i = at - 1; i >= start; i--) if (text[i] === c) return i;
  }
  return -1;
}

/** Drops whitespace and the punctuation that does not belong to the words at both edges. */
function trimPunctuation(text: string, start: number, end: number): [number, number] {
  for (;;) {
    while (start < end && WHITESPACE.test(text[start] as string)) start++;
    while (end > start && WHITESPACE.test(text[end - 1] as string)) end--;
    if (start >= end) return [start, end];
    const first = text[start] as string;
    const last = text[end - 1] as string;
    // A bracket or quote pair around the whole span wraps it: both go.
    if (end - start > 1 && PAIRS.has(first) && partnerIndex(text, start, start, end) === end - 1) {
      start++;
      end--;
      continue;
    }
    const dropFirst = PUNCTUATION.test(first) && !KEEP_LEADING.has(first) && partnerIndex(text, start, start, end) === -1;
    const dropLast = end - 1 > start && PUNCTUATION.test(last) && !KEEP_TRAILING.has(last) && partnerIndex(text, end - 1, start, end) === -1 && !isAbbreviationDot(text, end - 1);
    if (!dropFirst && !dropLast) return [start, end];
    if (dropFirst) start++;
    if (dropLast) end--;
  }
}

/**
 * Snaps a raw selection: trims whitespace at both ends, optionally extends to word
 * boundaries (and drops the punctuation around the words), and never splits a surrogate
 * pair. Returns null for an empty result.
 */
export function snapRange(text: string, rawStart: number, rawEnd: number, options: SnapOptions): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(rawStart, rawEnd));
  let end = Math.min(text.length, Math.max(rawStart, rawEnd));
  while (start < end && WHITESPACE.test(text[start] as string)) start++;
  while (end > start && WHITESPACE.test(text[end - 1] as string)) end--;
  if (start >= end) return null;
  if (options.toWordBoundaries) {
    const first = wordAround(text, start);
    if (first) start = Math.min(start, first[0]);
    const last = wordAround(text, end - 1);
    if (last) end = Math.max(end, last[1]);
    // Only punctuation selected (a dash, say): keep it rather than nothing.
    const [trimmedStart, trimmedEnd] = trimPunctuation(text, start, end);
    if (trimmedStart < trimmedEnd) [start, end] = [trimmedStart, trimmedEnd];
    // An abbreviation's dot is part of the word ("U.S." rather than "U.S").
    if (isAbbreviationDot(text, end)) end++;
  }
  start = alignToCodepoint(text, start, 'back');
  end = alignToCodepoint(text, end, 'forward');
  return start < end ? { start, end } : null;
}

export interface QuoteContext {
  quote: string;
  prefix: string;
  suffix: string;
}

/** Quote plus up to 32 code points of prefix and suffix, as in a W3C TextQuoteSelector. */
export function quoteContext(text: string, start: number, end: number): QuoteContext {
  let prefixStart = start;
  for (let n = 0; n < CONTEXT_CODEPOINTS && prefixStart > 0; n++) {
    prefixStart = alignToCodepoint(text, prefixStart - 1, 'back');
  }
  let suffixEnd = end;
  for (let n = 0; n < CONTEXT_CODEPOINTS && suffixEnd < text.length; n++) {
    suffixEnd = alignToCodepoint(text, suffixEnd + 1, 'forward');
  }
  return { quote: text.slice(start, end), prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) };
}
