// Which lines' annotations are painted: the visible lines plus a margin, moved as the
// reader scrolls or the view resizes (see HighlightPainter for why not all of them).
//
// Moving the window changes the Highlights, and Chromium then repaints all highlighted
// text, so it is not moved on every scroll frame: only once scrolling pauses, or at most
// every MAX_WAIT_MS while it goes on. The margin (one screenful of lines on each side, at
// least 20) keeps ordinary reading inside the painted part meanwhile; a wider one made every
// tag slower, since each change repaints all highlighted text in the window.
import type { LexicalEditor } from 'lexical';
import type { HighlightPainter } from './highlights';
import type { OffsetIndex } from './offset-index';

/** Quiet time after the last scroll event before the window moves. */
const SETTLE_MS = 80;
/** Longest a continuous scroll goes without moving the window. */
const MAX_WAIT_MS = 250;

export class PaintedWindow {
  /** Lines [first, last] whose annotations are painted. */
  private lines: [number, number] | null = null;
  private frame = 0;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the first scroll event not yet acted on arrived, or null. */
  private pendingSince: number | null = null;
  private target: { index: OffsetIndex; painter: HighlightPainter } | null = null;
  private readonly dispose: () => void;

  constructor(
    private readonly editor: LexicalEditor,
    private readonly scroller: HTMLElement,
  ) {
    const onChange = () => this.schedule();
    const resizeObserver = new ResizeObserver(onChange);
    scroller.addEventListener('scroll', onChange, { passive: true });
    resizeObserver.observe(scroller);
    this.dispose = () => {
      scroller.removeEventListener('scroll', onChange);
      resizeObserver.disconnect();
      cancelAnimationFrame(this.frame);
      clearTimeout(this.settleTimer);
    };
  }

  /** Starts painting a new document (or nothing). */
  attach(index: OffsetIndex | null, painter: HighlightPainter | null): void {
    this.lines = null;
    this.target = index && painter ? { index, painter } : null;
    this.update(true);
  }

  /** Moves the window now if the visible lines left it (or always, with `force`). */
  update(force: boolean): void {
    const target = this.target;
    if (!target) return;
    const { index, painter } = target;
    const box = this.scroller.getBoundingClientRect();
    const first = this.lineAtY(index, box.top);
    const last = Math.max(first, this.lineAtY(index, box.bottom));
    const margin = Math.max(20, last - first + 1);
    const painted = this.lines;
    if (!force && painted) {
      const comfortablyInside = first - painted[0] >= margin / 4 && painted[1] - last >= margin / 4;
      const everything = painted[0] === 0 && painted[1] === index.lineCount - 1;
      if (comfortablyInside || everything) return;
    }
    const from = Math.max(0, first - margin);
    const to = Math.min(index.lineCount - 1, last + margin);
    this.lines = [from, to];
    painter.setWindow({ start: index.lineStart(from), end: to + 1 < index.lineCount ? index.lineStart(to + 1) : index.text.length });
  }

  destroy(): void {
    this.dispose();
  }

  /** Debounces scroll and resize: waits for a pause, but never longer than MAX_WAIT_MS. */
  private schedule(): void {
    const now = performance.now();
    this.pendingSince ??= now;
    clearTimeout(this.settleTimer);
    const wait = Math.min(SETTLE_MS, MAX_WAIT_MS - (now - this.pendingSince));
    this.settleTimer = setTimeout(() => this.updateNextFrame(), Math.max(0, wait));
  }

  private updateNextFrame(): void {
    this.pendingSince = null;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update(false);
    });
  }

  /** The first line whose box ends below viewport y (binary search over paragraphs). */
  private lineAtY(index: OffsetIndex, y: number): number {
    let lo = 0;
    let hi = index.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const key = index.paragraphKeys[mid];
      const bottom = key === undefined ? 0 : (this.editor.getElementByKey(key)?.getBoundingClientRect().bottom ?? 0);
      if (bottom > y) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
