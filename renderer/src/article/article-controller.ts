// Imperative side of the article view: loads a document's text into Lexical (one
// paragraph per line), keeps the offset index and highlight painter for it, guards the
// text against change, and answers selection and hit-testing questions in offsets.
import { type EditorState, type LexicalEditor, mergeRegister } from 'lexical';
import type { SpanRecord } from '../../../shared/model/records';
import type { DocumentStore } from '../state/document-store';
import { LOAD_TAG, domIntact, editorStateIntact, renderLines } from './article-view';
import { type DomWatchdog, watchArticleDom } from './dom-watchdog';
import { HighlightPainter, type LayerOf, highlightsSupported } from './highlights';
import type { OffsetIndex } from './offset-index';
import type { Span } from './overlap';
import { READY_MARK, markWhenIdleAfterPaint } from './paint-timing';
import { PaintedWindow } from './painted-window';
import { registerReadOnlyGuard } from './read-only-guard';
import { hintThenRelease } from './size-hints';

const RESTORE_TAG = 'marginalia-restore';

export interface ArticleCallbacks {
  onUndo: () => void;
  onRedo: () => void;
}

export class ArticleController {
  private store: DocumentStore | null = null;
  private index: OffsetIndex | null = null;
  private watchdog: DomWatchdog | null = null;
  private painter: HighlightPainter | null = null;
  private loadedState: EditorState | null = null;
  private cancelHintRelease: () => void = () => undefined;
  /** The last non-collapsed selection in the article, for tagging after focus moved away. */
  private remembered: Span | null = null;
  /** Which analysts' layers are shown, and how (set by the Layers panel). */
  private layerOf: LayerOf = () => 'mine';
  private readonly paintedWindow: PaintedWindow;
  private readonly unregister: () => void;

  constructor(
    readonly editor: LexicalEditor,
    private readonly scroller: HTMLElement,
    callbacks: ArticleCallbacks,
  ) {
    const onSelectionChange = () => this.rememberSelection();
    document.addEventListener('selectionchange', onSelectionChange);
    this.paintedWindow = new PaintedWindow(editor, scroller);
    this.unregister = mergeRegister(
      registerReadOnlyGuard(editor, callbacks),
      editor.registerRootListener((root) => {
        if (!root) return;
        const watchdog = watchArticleDom(root, () => !this.index || domIntact(editor, this.index), () => this.rebuildView());
        this.watchdog = watchdog;
        return () => {
          watchdog.dispose();
          if (this.watchdog === watchdog) this.watchdog = null;
        };
      }),
      editor.registerUpdateListener(({ tags, dirtyElements, dirtyLeaves }) => {
        if (tags.has(LOAD_TAG)) return;
        if (tags.has(RESTORE_TAG)) {
          this.painter?.repaintAll();
          return;
        }
        if (dirtyLeaves.size > 0 || dirtyElements.size > 0) this.restoreIfChanged();
      }),
      () => document.removeEventListener('selectionchange', onSelectionChange),
      () => this.paintedWindow.destroy(),
    );
  }

  /** Shows a document (or nothing) and paints its annotations. */
  load(store: DocumentStore | null): void {
    this.painter?.dispose();
    this.painter = null;
    this.store = store;
    this.remembered = null;
    this.scroller.scrollTop = 0;
    const index = renderLines(this.editor, store?.text ?? '');
    this.index = store ? index : null;
    this.loadedState = this.editor.getEditorState();
    this.watchdog?.acceptPending();
    this.cancelHintRelease();
    if (store) this.cancelHintRelease = hintThenRelease(this.editor, index);
    if (store && highlightsSupported()) this.painter = new HighlightPainter(this.editor, index, store, this.layerOf);
    this.paintedWindow.attach(this.index, this.painter);
    if (store) markWhenIdleAfterPaint(READY_MARK);
  }

  /** Shows or hides analysts' layers and paints other analysts' spans apart from mine. */
  setLayers(layerOf: LayerOf): void {
    this.layerOf = layerOf;
    this.painter?.setLayers(layerOf);
  }

  /** The article's current selection in offsets, else the remembered one. */
  selectionSpan(): Span | null {
    return this.liveSelection() ?? this.remembered;
  }

  /** Clears the text selection (after tagging it). */
  collapseSelection(): void {
    this.remembered = null;
    const selection = window.getSelection();
    const root = this.editor.getRootElement();
    if (selection && root && selection.anchorNode && root.contains(selection.anchorNode)) selection.collapseToEnd();
  }

  /**
   * Drops the caret without moving focus, so Lexical does not pull focus back into the
   * article (e.g. while the overlap menu is open).
   */
  releaseCaret(): void {
    const selection = window.getSelection();
    const root = this.editor.getRootElement();
    if (selection && root && selection.anchorNode && root.contains(selection.anchorNode)) selection.removeAllRanges();
  }

  /** Focuses the article with the caret at a document offset, without scrolling. */
  focusAt(offset: number): void {
    const root = this.editor.getRootElement();
    const point = this.index?.toDomPoint(this.editor, offset);
    if (!root) return;
    root.focus({ preventScroll: true });
    if (point) window.getSelection()?.setBaseAndExtent(point.node, point.offset, point.node, point.offset);
  }

  /** Offset of the character under a viewport point, or null if there is none. */
  characterAt(clientX: number, clientY: number): number | null {
    const index = this.index;
    const caret = document.caretPositionFromPoint(clientX, clientY);
    if (!index || !caret) return null;
    const offset = index.fromDomPoint(this.editor, caret.offsetNode, caret.offset);
    if (offset === null) return null;
    // The caret sits between two characters: find the one whose box holds the point.
    for (const candidate of [offset, offset - 1]) {
      if (candidate < 0 || candidate >= index.text.length || index.text[candidate] === '\n') continue;
      const range = this.liveRange(candidate, candidate + 1);
      if (!range) continue;
      for (const rect of range.getClientRects()) {
        if (clientX >= rect.left - 1 && clientX <= rect.right + 1 && clientY >= rect.top - 1 && clientY <= rect.bottom + 1) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** The caret offset nearest a viewport point (between two characters), or null off the text. */
  offsetAt(clientX: number, clientY: number): number | null {
    const index = this.index;
    const caret = document.caretPositionFromPoint(clientX, clientY);
    if (!index || !caret) return null;
    return index.fromDomPoint(this.editor, caret.offsetNode, caret.offset);
  }

  /**
   * Where an end of [start, end) is on screen: the left edge of its first character (start) or
   * the right edge of its last (end), with that line's top and height, in viewport pixels.
   */
  edgeBox(span: Span, edge: 'start' | 'end'): { x: number; top: number; height: number } | null {
    const range = edge === 'start' ? this.liveRange(span.start, Math.min(span.end, span.start + 1)) : this.liveRange(Math.max(span.start, span.end - 1), span.end);
    if (!range) return null;
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
    const rect = edge === 'start' ? rects[0] : rects.at(-1);
    if (!rect) return null;
    return { x: edge === 'start' ? rect.left : rect.right, top: rect.top, height: rect.height };
  }

  /** Shows [start, end) as the selected span while an end is dragged; null shows the selection again. */
  preview(span: Span | null): void {
    this.painter?.preview(span);
  }

  /** Scrolls an annotation into view, optionally flashing it. */
  reveal(annotation: SpanRecord, flash: boolean): void {
    const range = this.liveRange(annotation.target.start, annotation.target.end);
    if (range) {
      const rect = range.getBoundingClientRect();
      const box = this.scroller.getBoundingClientRect();
      if (rect.top < box.top + 8 || rect.bottom > box.bottom - 8) {
        this.scroller.scrollBy({ top: rect.top - box.top - box.height / 4, behavior: 'instant' });
      }
    }
    this.paintedWindow.update(false);
    if (flash) this.painter?.flash(annotation);
  }

  dispose(): void {
    this.cancelHintRelease();
    this.painter?.dispose();
    this.painter = null;
    this.unregister();
  }

  private liveRange(start: number, end: number): Range | null {
    const index = this.index;
    if (!index) return null;
    const from = index.toDomPoint(this.editor, start);
    const to = index.toDomPoint(this.editor, end);
    if (!from || !to) return null;
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  private liveSelection(): Span | null {
    const index = this.index;
    const selection = window.getSelection();
    if (!index || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const { anchorNode, focusNode } = selection;
    if (!anchorNode || !focusNode) return null;
    const anchor = index.fromDomPoint(this.editor, anchorNode, selection.anchorOffset);
    const focus = index.fromDomPoint(this.editor, focusNode, selection.focusOffset);
    if (anchor === null || focus === null || anchor === focus) return null;
    return { start: Math.min(anchor, focus), end: Math.max(anchor, focus) };
  }

  private rememberSelection(): void {
    const selection = window.getSelection();
    const root = this.editor.getRootElement();
    if (!selection || !root || !selection.anchorNode || !root.contains(selection.anchorNode)) return;
    this.remembered = this.liveSelection();
  }

  /** Renders the document again from scratch, keeping the reading position. */
  private rebuildView(): void {
    const top = this.scroller.scrollTop;
    this.load(this.store);
    this.scroller.scrollTop = top;
    this.paintedWindow.update(true);
  }

  /** Safety net for changes no command can stop (IME composition): put the text back. */
  private restoreIfChanged(): void {
    if (this.index && this.loadedState && !editorStateIntact(this.editor, this.index)) {
      this.editor.setEditorState(this.loadedState, { tag: RESTORE_TAG });
    }
  }
}
