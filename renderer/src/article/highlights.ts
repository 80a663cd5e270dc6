// Paints annotations over the article with the CSS Custom Highlight API: one Highlight per
// tag plus "overlap", "selected" and "flash". The Lexical DOM is never modified.
//
// Only annotations inside a window around the visible part of the article are registered:
// Chrome's paint invalidation cost grows with the number of registered ranges, and with
// 10,000 annotations it would make every change (and every selection) cost a frame or
// more. Ranges are StaticRanges kept per annotation id, so adding or removing one
// annotation touches one range and the overlap segments around it.
import type { LexicalEditor } from 'lexical';
import { TAG_TYPES, type TagType } from '../../../shared/model';
import type { SpanRecord } from '../../../shared/model/records';
import type { LayerOf } from '../layers/layers';
import type { DocumentStore, SpanDiff } from '../state/document-store';
import type { OffsetIndex } from './offset-index';
import { type Span, overlapSegments } from './overlap';
import { PAINTED_MARK, markAfterNextPaint } from './paint-timing';

export const HIGHLIGHT_NAMES = {
  tag: (type: TagType) => `marginalia-${type}`,
  /** Another analyst's spans: a style of their own, distinct from every tag cue. */
  theirs: (type: TagType) => `marginalia-theirs-${type}`,
  overlap: 'marginalia-overlap',
  selected: 'marginalia-selected',
  flash: 'marginalia-flash',
} as const;

const FLASH_MS = 1000;

export type { LayerOf, PaintLayer } from '../layers/layers';
const ALL_MINE: LayerOf = () => 'mine';

interface Painted {
  range: StaticRange;
  highlight: Highlight | undefined;
}

interface OverlapSegment extends Span {
  range: StaticRange;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

export class HighlightPainter {
  private readonly tagHighlights = new Map<TagType, Highlight>();
  private readonly theirHighlights = new Map<TagType, Highlight>();
  private readonly overlap = new Highlight();
  private readonly selected = new Highlight();
  private readonly flashing = new Highlight();
  private readonly painted = new Map<string, Painted>();
  /** The painted part of the document. */
  private window: Span = { start: 0, end: 0 };
  /** Disjoint, in text order, within the window. */
  private overlapSegments: OverlapSegment[] = [];
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly editor: LexicalEditor,
    private readonly index: OffsetIndex,
    private readonly store: DocumentStore,
    private layerOf: LayerOf = ALL_MINE,
  ) {
    TAG_TYPES.forEach((type, i) => {
      const highlight = new Highlight();
      highlight.priority = i;
      this.tagHighlights.set(type, highlight);
      CSS.highlights.set(HIGHLIGHT_NAMES.tag(type), highlight);
      const theirs = new Highlight();
      theirs.priority = TAG_TYPES.length + i;
      this.theirHighlights.set(type, theirs);
      CSS.highlights.set(HIGHLIGHT_NAMES.theirs(type), theirs);
    });
    this.overlap.priority = 10;
    this.selected.priority = 11;
    this.flashing.priority = 12;
    CSS.highlights.set(HIGHLIGHT_NAMES.overlap, this.overlap);
    CSS.highlights.set(HIGHLIGHT_NAMES.selected, this.selected);
    CSS.highlights.set(HIGHLIGHT_NAMES.flash, this.flashing);
    const offDiff = store.onDiff((diff) => this.applyDiff(diff));
    const offSelection = store.onSelectionChange((annotation) => this.paintSelected(annotation));
    this.unsubscribe = () => {
      offDiff();
      offSelection();
    };
  }

  get paintedWindow(): Span {
    return this.window;
  }

  /** A range over [start, end) of the document, or null if the view is not rendered. */
  rangeFor(start: number, end: number): StaticRange | null {
    const from = this.index.toDomPoint(this.editor, start);
    const to = this.index.toDomPoint(this.editor, end);
    if (!from || !to) return null;
    return new StaticRange({ startContainer: from.node, startOffset: from.offset, endContainer: to.node, endOffset: to.offset });
  }

  /** Paints the annotations that intersect `window`, and only those. */
  setWindow(window: Span): void {
    if (window.start === this.window.start && window.end === this.window.end) return;
    this.window = window;
    const wanted = this.store.intersecting(window.start, window.end);
    const wantedIds = new Set(wanted.map((a) => a.id));
    for (const id of [...this.painted.keys()]) if (!wantedIds.has(id)) this.unpaint(id);
    for (const annotation of wanted) if (!this.painted.has(annotation.id)) this.paint(annotation);
    this.repaintOverlaps();
    this.paintSelected(this.store.selected);
  }

  /** Changes which layers are shown and how; repaints the painted window. */
  setLayers(layerOf: LayerOf): void {
    this.layerOf = layerOf;
    this.repaintAll();
  }

  /** Rebuilds every range, e.g. after Lexical (re)created the DOM. */
  repaintAll(): void {
    for (const highlight of this.tagHighlights.values()) highlight.clear();
    for (const highlight of this.theirHighlights.values()) highlight.clear();
    this.painted.clear();
    for (const annotation of this.store.intersecting(this.window.start, this.window.end)) this.paint(annotation);
    this.repaintOverlaps();
    this.paintSelected(this.store.selected);
  }

  flash(annotation: SpanRecord): void {
    clearTimeout(this.flashTimer);
    this.flashing.clear();
    const range = this.rangeFor(annotation.target.start, annotation.target.end);
    if (!range) return;
    this.flashing.add(range);
    this.flashTimer = setTimeout(() => this.flashing.clear(), FLASH_MS);
  }

  dispose(): void {
    this.unsubscribe();
    clearTimeout(this.flashTimer);
    for (const type of TAG_TYPES) {
      CSS.highlights.delete(HIGHLIGHT_NAMES.tag(type));
      CSS.highlights.delete(HIGHLIGHT_NAMES.theirs(type));
    }
    CSS.highlights.delete(HIGHLIGHT_NAMES.overlap);
    CSS.highlights.delete(HIGHLIGHT_NAMES.selected);
    CSS.highlights.delete(HIGHLIGHT_NAMES.flash);
  }

  private paint(annotation: SpanRecord): void {
    const layer = this.layerOf(annotation);
    if (!layer) return;
    const range = this.rangeFor(annotation.target.start, annotation.target.end);
    if (!range) return;
    const highlight = (layer === 'mine' ? this.tagHighlights : this.theirHighlights).get(annotation.tag);
    this.painted.set(annotation.id, { range, highlight });
    highlight?.add(range);
  }

  /** Annotations overlapping [start, end) in a shown layer. */
  private shownIntersecting(start: number, end: number): Span[] {
    return this.store.intersecting(start, end).flatMap((a) => (this.layerOf(a) !== null ? [a.target] : []));
  }

  private unpaint(id: string): void {
    const painted = this.painted.get(id);
    if (!painted) return;
    this.painted.delete(id);
    painted.highlight?.delete(painted.range);
  }

  private intersectsWindow(span: Span): boolean {
    return span.start < this.window.end && span.end > this.window.start;
  }

  private applyDiff(diff: SpanDiff): void {
    for (const annotation of diff.removed) this.unpaint(annotation.id);
    let paintedNew = false;
    for (const annotation of diff.added) {
      if (!this.intersectsWindow(annotation.target)) continue;
      this.paint(annotation);
      paintedNew = true;
    }
    // Retags and note edits keep the span, so the overlap segments cannot change.
    const removedSpans = new Set(diff.removed.map((a) => `${a.target.start}:${a.target.end}`));
    const addedSpans = new Set(diff.added.map((a) => `${a.target.start}:${a.target.end}`));
    for (const { target: span } of [...diff.removed, ...diff.added]) {
      const key = `${span.start}:${span.end}`;
      if (!(removedSpans.has(key) && addedSpans.has(key)) && this.intersectsWindow(span)) this.updateOverlapsAround(span);
    }
    this.paintSelected(this.store.selected);
    if (paintedNew) markAfterNextPaint(PAINTED_MARK);
  }

  private repaintOverlaps(): void {
    this.overlap.clear();
    this.overlapSegments = [];
    const { start, end } = this.window;
    this.insertOverlaps(overlapSegments(this.shownIntersecting(start, end), start, end));
  }

  /** Recomputes overlap segments around a span whose presence changed. */
  private updateOverlapsAround(span: Span): void {
    let from = Math.max(span.start, this.window.start);
    let to = Math.min(span.end, this.window.end);
    // Drop every segment touching the range, widening it to cover what was dropped.
    for (;;) {
      const touching = this.overlapSegments.filter((s) => s.start < to && s.end > from);
      if (touching.length === 0) break;
      for (const segment of touching) {
        from = Math.min(from, segment.start);
        to = Math.max(to, segment.end);
        this.overlap.delete(segment.range);
      }
      this.overlapSegments = this.overlapSegments.filter((s) => !touching.includes(s));
    }
    this.insertOverlaps(overlapSegments(this.shownIntersecting(from, to), from, to));
  }

  private insertOverlaps(spans: readonly Span[]): void {
    if (spans.length === 0) return;
    for (const span of spans) {
      const range = this.rangeFor(span.start, span.end);
      if (!range) continue;
      this.overlap.add(range);
      this.overlapSegments.push({ ...span, range });
    }
    this.overlapSegments.sort((a, b) => a.start - b.start);
  }

  private paintSelected(annotation: SpanRecord | null): void {
    this.selected.clear();
    if (!annotation) return;
    const range = this.painted.get(annotation.id)?.range ?? this.rangeFor(annotation.target.start, annotation.target.end);
    if (range) this.selected.add(range);
  }
}
