// Moving an end of a span: by a word (Shift+Alt+arrows, or arrows on a focused end handle) or
// to where a handle was dropped. Pure: offsets in UTF-16 code units of the document text.
import { snapRange } from '../../../shared/offsets';

export type Edge = 'start' | 'end';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const WINDOW = 256;

interface Word {
  start: number;
  end: number;
}

/** The [start, end) of the line (paragraph) holding `offset`. */
function lineAround(text: string, offset: number): Word {
  const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  return { start, end: newline === -1 ? text.length : newline };
}

/** Word-like segments of text[from, to), in order. */
function wordsIn(text: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  for (const seg of segmenter.segment(text.slice(from, to))) {
    if (seg.isWordLike) words.push({ start: from + seg.index, end: from + seg.index + seg.segment.length });
  }
  return words;
}

/**
 * The next word boundary from `offset` in `direction`, staying within [lineStart, lineEnd):
 * a word's end when `edge` is the end of a span, a word's start when it is the start. Null when
 * there is none. Looks at a growing window around the offset, so a 5 MB line stays cheap.
 */
export function wordStep(text: string, offset: number, edge: Edge, direction: -1 | 1, bounds: Word = lineAround(text, offset)): number | null {
  for (let size = WINDOW; ; size *= 4) {
    const from = Math.max(bounds.start, offset - size);
    const to = Math.min(bounds.end, offset + size);
    // Words cut by the window's edges are not trusted, unless the edge is the line's.
    const words = wordsIn(text, from, to).filter((w) => (w.start > from || from === bounds.start) && (w.end < to || to === bounds.end));
    const points = words.map((w) => (edge === 'end' ? w.end : w.start));
    const found = direction === 1 ? points.find((p) => p > offset) : points.findLast((p) => p < offset);
    if (found !== undefined) return found;
    if (from === bounds.start && to === bounds.end) return null;
  }
}

export interface Bounds {
  start: number;
  end: number;
}

/**
 * The span after moving one end by a word, or null when it cannot move that way (it would
 * vanish, or reach past its paragraph).
 */
export function moveEdgeByWord(text: string, span: Bounds, edge: Edge, direction: -1 | 1): Bounds | null {
  const at = edge === 'start' ? span.start : span.end;
  // The end stays in the paragraph of the span's last character, the start in that of its first.
  const line = lineAround(text, edge === 'start' ? span.start : Math.max(span.start, span.end - 1));
  const next = wordStep(text, at, edge, direction, line);
  if (next === null) return null;
  const moved = edge === 'start' ? { start: next, end: span.end } : { start: span.start, end: next };
  return moved.start < moved.end ? moved : null;
}

/**
 * The span after dropping one end's handle at `offset` (a caret position), snapped like a
 * selection: whole words when `toWords`, never surrounding spaces or punctuation. Null when it
 * would leave nothing; an end dropped before the start (or a start after the end) swaps them.
 */
export function dropEdge(text: string, span: Bounds, edge: Edge, offset: number, toWords: boolean): Bounds | null {
  const fixed = edge === 'start' ? span.end : span.start;
  if (offset === fixed) return null;
  return snapRange(text, Math.min(offset, fixed), Math.max(offset, fixed), { toWordBoundaries: toWords });
}
