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
  /** Extend a partial word at either edge to the whole word. */
  toWordBoundaries: boolean;
}

/**
 * Snaps a raw selection: trims whitespace at both ends, optionally extends to word
 * boundaries, and never splits a surrogate pair. Returns null for an empty result.
 */
export function snapRange(text: string, rawStart: number, rawEnd: number, options: SnapOptions): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(rawStart, rawEnd));
  let end = Math.min(text.length, Math.max(rawStart, rawEnd));
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  if (start >= end) return null;
  if (options.toWordBoundaries) {
    const first = wordAround(text, start);
    if (first) start = Math.min(start, first[0]);
    const last = wordAround(text, end - 1);
    if (last) end = Math.max(end, last[1]);
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
