// Rendering the document into Lexical (one ParagraphNode per line, one TextNode per
// non-empty line) and checking that what is shown is still exactly the document.
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $setSelection,
  HISTORY_MERGE_TAG,
  type LexicalEditor,
  SKIP_SCROLL_INTO_VIEW_TAG,
} from 'lexical';
import { OffsetIndex } from './offset-index';

export const LOAD_TAG = 'marginalia-load';

/** Replaces the editor's content with the text's lines and returns their offset index. */
export function renderLines(editor: LexicalEditor, text: string): OffsetIndex {
  const lines = text.split('\n');
  const paragraphKeys: string[] = [];
  const textKeys: (string | null)[] = [];
  editor.update(
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
    // Discrete, so the DOM exists when this returns; no history (our undo is annotation-level).
    { tag: [LOAD_TAG, HISTORY_MERGE_TAG, SKIP_SCROLL_INTO_VIEW_TAG], discrete: true },
  );
  return new OffsetIndex(text, paragraphKeys, textKeys);
}

function lineText(index: OffsetIndex, line: number): string {
  return index.text.slice(index.lineStart(line), index.lineEnd(line));
}

/** Whether the editor state still holds exactly the rendered lines (same nodes, same text). */
export function editorStateIntact(editor: LexicalEditor, index: OffsetIndex): boolean {
  return editor.getEditorState().read(() => {
    const paragraphs = $getRoot().getChildren();
    if (paragraphs.length !== index.lineCount) return false;
    return paragraphs.every((paragraph, line) => {
      if (!$isElementNode(paragraph) || paragraph.getKey() !== index.paragraphKeys[line]) return false;
      const children = paragraph.getChildren();
      const textKey = index.textKeys[line] ?? null;
      if (textKey === null) return children.length === 0;
      const only = children[0];
      return children.length === 1 && only?.getKey() === textKey && only.getTextContent() === lineText(index, line);
    });
  });
}

/** Whether the DOM still shows exactly the document's lines. */
export function domIntact(editor: LexicalEditor, index: OffsetIndex): boolean {
  const root = editor.getRootElement();
  if (!root) return true;
  if (root.childNodes.length !== index.lineCount) return false;
  return index.paragraphKeys.every((key, line) => {
    const element = editor.getElementByKey(key);
    return element?.parentNode === root && element.textContent === lineText(index, line);
  });
}
