// Paints annotations over the article with the CSS Custom Highlight API. The Lexical DOM is
// never modified. What is painted (see bands.ts for the geometry):
//
// - a wash per tag, only where a span is the innermost one, so washes never blend into a colour
//   that matches no tag (my spans: `marginalia-<tag>`; another analyst's, paler:
//   `marginalia-theirs-wash-<tag>`);
// - each span's line cue (wavy, dotted, double, dashed) on a band of its own under the text,
//   one Highlight per (tag, lane) with its own underline offset;
// - no end ticks: one-character ranges over each span's ends made every tag in `npm run bench`
//   about a third slower (Chromium repaints every registered range on any change); the wash
//   stops at each span's edge and each span's band shows its extent instead;
// - another analyst's spans: also a dashed neutral overline (`marginalia-theirs-<tag>`);
// - the selected span and a flash.
//
// Only annotations inside a window around the visible part of the article are registered:
// Chrome's paint invalidation cost grows with the number of registered ranges, and with
// 10,000 annotations it would make every change (and every selection) cost a frame or
// more. Ranges are StaticRanges kept per annotation id, so adding or removing one
// annotation touches its own ranges, the lanes of the spans it overlaps and the wash around it.
import type { LexicalEditor } from 'lexical';
import { TAG_TYPES, type TagType } from '../../../shared/model';
import type { SpanRecord } from '../../../shared/model/records';
import type { LayerOf, PaintLayer } from '../layers/layers';
import type { DocumentStore, SpanDiff } from '../state/document-store';
import { type BandSpan, MAX_LANES, assignLanes, drawnLane, washSegments } from './bands';
import type { OffsetIndex } from './offset-index';
import type { Span } from './overlap';
import { PAINTED_MARK, markAfterNextPaint } from './paint-timing';

export const HIGHLIGHT_NAMES = {
  /** My spans' wash, where they are the innermost span. */
  tag: (type: TagType) => `marginalia-${type}`,
  /** Another analyst's spans, one range each: a dashed neutral overline, distinct from every tag cue. */
  theirs: (type: TagType) => `marginalia-theirs-${type}`,
  /** Another analyst's wash (paler), where their span is the innermost one. */
  theirsWash: (type: TagType) => `marginalia-theirs-wash-${type}`,
  /** The line cue of every shown span of a tag on lane `lane` (0: nearest the text). */
  band: (type: TagType, lane: number) => `marginalia-band-${type}-${lane}`,
  selected: 'marginalia-selected',
  flash: 'marginalia-flash',
} as const;

const FLASH_MS = 1000;

export type { LayerOf, PaintLayer } from '../layers/layers';
const ALL_MINE: LayerOf = () => 'mine';

interface Painted {
  /** The version painted (a note edit replaces the record but not what is painted). */
  span: SpanRecord;
  layer: PaintLayer;
  lane: number;
  range: StaticRange;
  band: Highlight;
  theirs: Highlight | null;
}

interface PaintedWash extends Span {
  id: string;
  range: StaticRange;
  highlight: Highlight;
}

interface Shown extends BandSpan {
  annotation: SpanRecord;
  layer: PaintLayer;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** Whether two versions of a span are painted alike (a note edit is not). */
function samePaint(a: SpanRecord, b: SpanRecord): boolean {
  return a.tag === b.tag && a.target.start === b.target.start && a.target.end === b.target.end && a.creator.id === b.creator.id;
}

export class HighlightPainter {
  private readonly washes = new Map<TagType, Highlight>();
  private readonly theirWashes = new Map<TagType, Highlight>();
  private readonly theirMarks = new Map<TagType, Highlight>();
  private readonly bands = new Map<string, Highlight>();
  private readonly selected = new Highlight();
  private readonly flashing = new Highlight();
  private readonly registered: string[] = [];
  private readonly painted = new Map<string, Painted>();
  /** The painted part of the document. */
  private window: Span = { start: 0, end: 0 };
  /** Disjoint, in text order, within the window. */
  private washSegments: PaintedWash[] = [];
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  /** The span being flashed: its deletion stops the flash. */
  private flashingId: string | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly editor: LexicalEditor,
    private readonly index: OffsetIndex,
    private readonly store: DocumentStore,
    private layerOf: LayerOf = ALL_MINE,
  ) {
    // Later priorities paint over earlier ones: washes, then line cues, then marks.
    let priority = 0;
    const register = (name: string, highlight: Highlight = new Highlight()): Highlight => {
      highlight.priority = priority++;
      CSS.highlights.set(name, highlight);
      this.registered.push(name);
      return highlight;
    };
    for (const type of TAG_TYPES) this.washes.set(type, register(HIGHLIGHT_NAMES.tag(type)));
    for (const type of TAG_TYPES) this.theirWashes.set(type, register(HIGHLIGHT_NAMES.theirsWash(type)));
    for (let lane = 0; lane < MAX_LANES; lane++) {
      for (const type of TAG_TYPES) this.bands.set(`${type}:${lane}`, register(HIGHLIGHT_NAMES.band(type, lane)));
    }
    for (const type of TAG_TYPES) this.theirMarks.set(type, register(HIGHLIGHT_NAMES.theirs(type)));
    register(HIGHLIGHT_NAMES.selected, this.selected);
    register(HIGHLIGHT_NAMES.flash, this.flashing);
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
    this.paintWindow();
  }

  /** Changes which layers are shown and how; repaints the painted window. */
  setLayers(layerOf: LayerOf): void {
    this.layerOf = layerOf;
    this.repaintAll();
  }

  /** Rebuilds every range, e.g. after Lexical (re)created the DOM. */
  repaintAll(): void {
    for (const name of this.registered) {
      const highlight = CSS.highlights.get(name);
      if (highlight !== this.flashing) highlight?.clear();
    }
    this.painted.clear();
    this.washSegments = [];
    this.paintWindow();
  }

  /** Shows [start, end) as the selected span, e.g. while one of its ends is dragged; null shows the selection again. */
  preview(span: Span | null): void {
    if (!span) {
      this.paintSelected(this.store.selected);
      return;
    }
    this.selected.clear();
    const range = this.rangeFor(span.start, span.end);
    if (range) this.selected.add(range);
  }

  flash(annotation: SpanRecord): void {
    clearTimeout(this.flashTimer);
    this.flashing.clear();
    const range = this.rangeFor(annotation.target.start, annotation.target.end);
    if (!range) return;
    this.flashing.add(range);
    this.flashingId = annotation.id;
    this.flashTimer = setTimeout(() => this.flashing.clear(), FLASH_MS);
  }

  dispose(): void {
    this.unsubscribe();
    clearTimeout(this.flashTimer);
    for (const name of this.registered) CSS.highlights.delete(name);
  }

  /** Paints the window from scratch, keeping the ranges of spans that stay the same. */
  private paintWindow(): void {
    const { start, end } = this.window;
    const cluster = this.cluster(start, end);
    const lanes = assignLanes(cluster);
    const wanted = new Set<string>();
    for (const shown of cluster) {
      if (!this.intersectsWindow(shown)) continue;
      wanted.add(shown.id);
      this.place(shown, lanes.get(shown.id) ?? 0);
    }
    for (const id of [...this.painted.keys()]) if (!wanted.has(id)) this.unpaint(id);
    for (const segment of this.washSegments) segment.highlight.delete(segment.range);
    this.washSegments = [];
    this.insertWash(cluster, start, end);
    this.paintSelected(this.store.selected);
  }

  /** Spans in a shown layer overlapping [start, end), in text order. */
  private shownIntersecting(start: number, end: number): Shown[] {
    const shown: Shown[] = [];
    for (const annotation of this.store.intersecting(start, end)) {
      const layer = this.layerOf(annotation);
      if (layer) shown.push({ id: annotation.id, start: annotation.target.start, end: annotation.target.end, tag: annotation.tag, annotation, layer });
    }
    return shown;
  }

  /** The shown spans overlapping or touching [start, end), and every span overlapping or touching those, transitively. */
  private cluster(start: number, end: number): Shown[] {
    let from = start;
    let to = end;
    for (;;) {
      const spans = this.shownIntersecting(from - 1, to + 1).filter((s) => s.end >= from && s.start <= to);
      let nextFrom = from;
      let nextTo = to;
      for (const s of spans) {
        if (s.start < nextFrom) nextFrom = s.start;
        if (s.end > nextTo) nextTo = s.end;
      }
      if (nextFrom === from && nextTo === to) return spans;
      from = nextFrom;
      to = nextTo;
    }
  }

  /** Paints one span on its lane, or leaves it if it is painted so already. */
  private place(shown: Shown, lane: number): void {
    const { annotation, layer } = shown;
    const drawn = drawnLane(lane);
    const old = this.painted.get(annotation.id);
    if (old && old.layer === layer && old.lane === drawn && samePaint(old.span, annotation)) return;
    if (old) this.unpaint(annotation.id);
    const range = this.rangeFor(shown.start, shown.end);
    if (!range) return;
    const band = this.bands.get(`${annotation.tag}:${drawn}`) as Highlight;
    band.add(range);
    const theirs = layer === 'theirs' ? (this.theirMarks.get(annotation.tag) ?? null) : null;
    theirs?.add(range);
    this.painted.set(annotation.id, { span: annotation, layer, lane: drawn, range, band, theirs });
  }

  private unpaint(id: string): void {
    const painted = this.painted.get(id);
    if (!painted) return;
    this.painted.delete(id);
    painted.band.delete(painted.range);
    painted.theirs?.delete(painted.range);
  }

  private intersectsWindow(span: Span): boolean {
    return span.start < this.window.end && span.end > this.window.start;
  }

  private applyDiff(diff: SpanDiff): void {
    const flashed = this.flashingId;
    if (flashed !== null && diff.removed.some((a) => a.id === flashed) && !diff.added.some((a) => a.id === flashed)) {
      clearTimeout(this.flashTimer);
      this.flashing.clear();
      this.flashingId = null;
    }
    const removedById = new Map(diff.removed.map((a) => [a.id, a]));
    const regions: Span[] = [];
    let paintedNew = false;
    for (const annotation of diff.added) {
      const before = removedById.get(annotation.id);
      if (before && samePaint(before, annotation)) {
        // A note edit: the same paint, the newer record.
        removedById.delete(annotation.id);
        const painted = this.painted.get(annotation.id);
        if (painted) painted.span = annotation;
        continue;
      }
      regions.push(annotation.target);
      if (this.intersectsWindow(annotation.target)) paintedNew = true;
    }
    for (const annotation of removedById.values()) {
      this.unpaint(annotation.id);
      regions.push(annotation.target);
    }
    for (const region of regions) this.refresh(region);
    this.paintSelected(this.store.selected);
    if (paintedNew) markAfterNextPaint(PAINTED_MARK);
  }

  /** Re-lanes the spans around a span that came, went or changed, and repaints the wash there. */
  private refresh(region: Span): void {
    const cluster = this.cluster(region.start, region.end);
    let from = region.start;
    let to = region.end;
    for (const s of cluster) {
      from = Math.min(from, s.start);
      to = Math.max(to, s.end);
    }
    if (!this.intersectsWindow({ start: from, end: to })) return;
    const lanes = assignLanes(cluster);
    for (const shown of cluster) if (this.intersectsWindow(shown)) this.place(shown, lanes.get(shown.id) ?? 0);
    this.updateWash(Math.max(from, this.window.start), Math.min(to, this.window.end));
  }

  /** Recomputes the wash over [from, to), widened to the segments it cuts into. */
  private updateWash(from: number, to: number): void {
    for (;;) {
      const touching = this.washSegments.filter((s) => s.start < to && s.end > from);
      if (touching.length === 0) break;
      for (const segment of touching) {
        from = Math.min(from, segment.start);
        to = Math.max(to, segment.end);
        segment.highlight.delete(segment.range);
      }
      const dropped = new Set(touching);
      this.washSegments = this.washSegments.filter((s) => !dropped.has(s));
    }
    this.insertWash(this.shownIntersecting(from, to), from, to);
  }

  private insertWash(spans: readonly Shown[], from: number, to: number): void {
    if (spans.length === 0) return;
    const byId = new Map(spans.map((s) => [s.id, s]));
    for (const segment of washSegments(spans, from, to)) {
      const shown = byId.get(segment.id);
      if (!shown) continue;
      const range = this.rangeFor(segment.start, segment.end);
      if (!range) continue;
      const highlight = (shown.layer === 'mine' ? this.washes : this.theirWashes).get(shown.annotation.tag) as Highlight;
      highlight.add(range);
      this.washSegments.push({ ...segment, range, highlight });
    }
    this.washSegments.sort((a, b) => a.start - b.start);
  }

  private paintSelected(annotation: SpanRecord | null): void {
    this.selected.clear();
    if (!annotation) return;
    const range = this.painted.get(annotation.id)?.range ?? this.rangeFor(annotation.target.start, annotation.target.end);
    if (range) this.selected.add(range);
  }
}
