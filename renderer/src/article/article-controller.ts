// Imperative side of the article view: loads a document's text into Lexical (one
// paragraph per line), keeps the offset index and highlight painter for it, guards the
// text against change, and answers selection and hit-testing questions in offsets.
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $setSelection,
  type EditorState,
  HISTORY_MERGE_TAG,
  type LexicalEditor,
  SKIP_SCROLL_INTO_VIEW_TAG,
  mergeRegister,
} from 'lexical';
import type { Annotation } from '../../../shared/model';
import type { DocumentStore } from '../state/document-store';
import { HighlightPainter, highlightsSupported } from './highlights';
import { OffsetIndex } from './offset-index';
import type { Span } from './overlap';
import { registerReadOnlyGuard } from './read-only-guard';

const LOAD_TAG = 'marginalia-load';
/** Rough characters per rendered line at the article measure, for size estimates. */
const CHARS_PER_LINE = 64;
const RESTORE_TAG = 'marginalia-restore';

export interface ArticleCallbacks {
  onUndo: () => void;
  onRedo: () => void;
}

export class ArticleController {
  private index: OffsetIndex | null = null;
  private painter: HighlightPainter | null = null;
  private loadedState: EditorState | null = null;
  /** The last non-collapsed selection in the article, for tagging after focus moved away. */
  private remembered: Span | null = null;
  private readonly unregister: () => void;

  constructor(
    readonly editor: LexicalEditor,
    callbacks: ArticleCallbacks,
  ) {
    const onSelectionChange = () => this.rememberSelection();
    document.addEventListener('selectionchange', onSelectionChange);
    this.unregister = mergeRegister(
      registerReadOnlyGuard(editor, callbacks),
      editor.registerUpdateListener(({ tags, dirtyElements, dirtyLeaves }) => {
        if (tags.has(LOAD_TAG)) return;
        if (tags.has(RESTORE_TAG)) {
          this.applySizeHints();
          this.painter?.repaintAll();
          return;
        }
        if (dirtyLeaves.size > 0 || dirtyElements.size > 0) this.restoreIfChanged();
      }),
      () => document.removeEventListener('selectionchange', onSelectionChange),
    );
  }

  /** Shows a document (or nothing) and paints its annotations. */
  load(store: DocumentStore | null): void {
    this.painter?.dispose();
    this.painter = null;
    this.index = null;
    this.remembered = null;
    const lines = store ? store.text.split('\n') : [];
    const paragraphKeys: string[] = [];
    const textKeys: (string | null)[] = [];
    this.editor.update(
      () => {
        const root = $getRoot();
        root.clear();
        for (const line of lines) {
          const paragraph = $createParagraphNode();
          paragraphKeys.push(paragraph.getKey());
          if (line.length > 0) {
            const textNode = $createTextNode(line);
            paragraph.append(textNode);
            textKeys.push(textNode.getKey());
          } else {
            textKeys.push(null);
          }
          root.append(paragraph);
        }
        $setSelection(null);
      },
      { tag: [LOAD_TAG, HISTORY_MERGE_TAG, SKIP_SCROLL_INTO_VIEW_TAG], discrete: true },
    );
    this.loadedState = this.editor.getEditorState();
    if (!store) return;
    this.index = new OffsetIndex(store.text, paragraphKeys, textKeys);
    this.applySizeHints();
    if (highlightsSupported()) {
      this.painter = new HighlightPainter(this.editor, this.index, store);
      this.painter.repaintAll();
    }
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

  /** Scrolls an annotation into view inside `scroller`, optionally flashing it. */
  reveal(annotation: Annotation, scroller: HTMLElement | null, flash: boolean): void {
    const range = this.liveRange(annotation.start, annotation.end);
    if (range && scroller) {
      const rect = range.getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      const margin = box.height / 4;
      if (rect.top < box.top + 8 || rect.bottom > box.bottom - 8) {
        scroller.scrollBy({ top: rect.top - box.top - margin, behavior: 'instant' });
      }
    }
    if (flash) this.painter?.flash(annotation);
  }

  dispose(): void {
    this.painter?.dispose();
    this.painter = null;
    this.unregister();
  }

  /**
   * Paragraphs use content-visibility: auto, so off-screen ones skip layout and paint (a
   * 1 MB article otherwise costs hundreds of ms per repaint). Each gets an estimated
   * height until it has been rendered once, so the scrollbar stays roughly right.
   */
  private applySizeHints(): void {
    const index = this.index;
    if (!index) return;
    index.paragraphKeys.forEach((key, line) => {
      const element = this.editor.getElementByKey(key);
      if (!element) return;
      const lines = Math.max(1, Math.ceil((index.lineEnd(line) - index.lineStart(line)) / CHARS_PER_LINE));
      element.style.containIntrinsicBlockSize = `auto ${lines}lh`;
    });
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

  /** Safety net for changes no command can stop (IME composition): put the text back. */
  private restoreIfChanged(): void {
    const index = this.index;
    const loaded = this.loadedState;
    if (!index || !loaded) return;
    const intact = this.editor.getEditorState().read(() => {
      const paragraphs = $getRoot().getChildren();
      if (paragraphs.length !== index.lineCount) return false;
      return paragraphs.every((paragraph, line) => {
        if (!$isElementNode(paragraph) || paragraph.getKey() !== index.paragraphKeys[line]) return false;
        const children = paragraph.getChildren();
        const textKey = index.textKeys[line] ?? null;
        if (textKey === null) return children.length === 0;
        const only = children[0];
        return children.length === 1 && only !== undefined && only.getKey() === textKey && only.getTextContent() === index.text.slice(index.lineStart(line), index.lineEnd(line));
      });
    });
    if (!intact) this.editor.setEditorState(loaded, { tag: RESTORE_TAG });
  }
}
