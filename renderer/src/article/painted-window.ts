// Which lines' annotations are painted: the visible lines plus a margin, moved as the
// reader scrolls or the view resizes (see HighlightPainter for why not all of them).
import type { LexicalEditor } from 'lexical';
import type { HighlightPainter } from './highlights';
import type { OffsetIndex } from './offset-index';

export class PaintedWindow {
  /** Lines [first, last] whose annotations are painted. */
  private lines: [number, number] | null = null;
  private frame = 0;
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
    const margin = Math.max(60, 2 * (last - first + 1));
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

  private schedule(): void {
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
