// Maps between document offsets (UTF-16 code units) and positions in the Lexical view,
// which holds one ParagraphNode per line with at most one TextNode each.
import { $getNearestNodeFromDOMNode, type LexicalEditor } from 'lexical';
import { lineStarts } from '../../../shared/text';

export interface DomPoint {
  node: Node;
  offset: number;
}

export class OffsetIndex {
  readonly lineStarts: number[];
  private readonly keyToLine = new Map<string, number>();

  constructor(
    readonly text: string,
    /** ParagraphNode key of each line. */
    readonly paragraphKeys: readonly string[],
    /** TextNode key of each line, or null for an empty line. */
    readonly textKeys: readonly (string | null)[],
  ) {
    this.lineStarts = lineStarts(text);
    paragraphKeys.forEach((key, line) => this.keyToLine.set(key, line));
    textKeys.forEach((key, line) => {
      if (key !== null) this.keyToLine.set(key, line);
    });
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line containing `offset` (a line's trailing LF belongs to it). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** Offset just after the line's last character (before its LF). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }

  /** The DOM position of a document offset, for building highlight ranges. */
  toDomPoint(editor: LexicalEditor, offset: number): DomPoint | null {
    const line = this.lineOf(offset);
    const textKey = this.textKeys[line];
    if (textKey) {
      const textDom = editor.getElementByKey(textKey)?.firstChild;
      if (!textDom) return null;
      const local = Math.min(Math.max(offset - this.lineStart(line), 0), textDom.textContent?.length ?? 0);
      return { node: textDom, offset: local };
    }
    const paragraphKey = this.paragraphKeys[line];
    const paragraph = paragraphKey === undefined ? null : editor.getElementByKey(paragraphKey);
    return paragraph ? { node: paragraph, offset: 0 } : null;
  }

  /** The document offset of a DOM position inside the article, or null if it is outside. */
  fromDomPoint(editor: LexicalEditor, node: Node, domOffset: number): number | null {
    const root = editor.getRootElement();
    if (!root || !root.contains(node)) return null;
    if (node === root) {
      return domOffset >= this.lineCount ? this.text.length : this.lineStart(domOffset);
    }
    const key = editor.read('latest', () => $getNearestNodeFromDOMNode(node)?.getKey() ?? null);
    const line = key === null ? undefined : this.keyToLine.get(key);
    if (line === undefined) return null;
    const start = this.lineStart(line);
    const end = this.lineEnd(line);
    const isTextKey = this.textKeys[line] === key;
    if (isTextKey && node.nodeType === Node.TEXT_NODE) return Math.min(start + domOffset, end);
    if (node === editor.getElementByKey(key as string)) return domOffset === 0 ? start : end;
    // Something inside the paragraph other than its text, e.g. the <br> of an empty line.
    return start;
  }

  /** The document offset of a Lexical selection point. */
  fromLexicalPoint(point: { key: string; offset: number; type: 'text' | 'element' }): number | null {
    if (point.key === 'root') {
      return point.offset >= this.lineCount ? this.text.length : this.lineStart(point.offset);
    }
    const line = this.keyToLine.get(point.key);
    if (line === undefined) return null;
    const start = this.lineStart(line);
    if (point.type === 'text') return Math.min(start + point.offset, this.lineEnd(line));
    return point.offset === 0 ? start : this.lineEnd(line);
  }
}

