// The article root stays contenteditable so keyboard selection (Shift+arrows) works, but
// nothing may change the text: every mutating command is swallowed at critical priority
// and every beforeinput is cancelled before Lexical sees it.
import {
  BEFORE_INPUT_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  INPUT_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  INSERT_TAB_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  KEY_SPACE_COMMAND,
  KEY_TAB_COMMAND,
  type LexicalCommand,
  type LexicalEditor,
  OUTDENT_CONTENT_COMMAND,
  PASTE_COMMAND,
  REDO_COMMAND,
  REMOVE_TEXT_COMMAND,
  SELECTION_INSERT_CLIPBOARD_NODES_COMMAND,
  SET_TEXT_FORMAT_COMMAND,
  UNDO_COMMAND,
  mergeRegister,
} from 'lexical';

function cancel(payload: unknown): true {
  if (payload instanceof Event && payload.cancelable) payload.preventDefault();
  return true;
}

export interface ReadOnlyGuardOptions {
  /** Annotation-level undo/redo, for undo requests that reach the editor. */
  onUndo: () => void;
  onRedo: () => void;
}

export function registerReadOnlyGuard(editor: LexicalEditor, options: ReadOnlyGuardOptions): () => void {
  const blockInput = (event: Event) => event.preventDefault();
  const block = <T,>(command: LexicalCommand<T>) => editor.registerCommand(command, cancel, COMMAND_PRIORITY_CRITICAL);
  return mergeRegister(
    // Everything that would change the text or its formatting. Tab is handled below so it
    // still moves focus out of the article.
    block(BEFORE_INPUT_COMMAND),
    block(INPUT_COMMAND),
    block(CONTROLLED_TEXT_INSERTION_COMMAND),
    block(PASTE_COMMAND),
    block(CUT_COMMAND),
    block(DROP_COMMAND),
    block(DRAGSTART_COMMAND),
    block(DELETE_CHARACTER_COMMAND),
    block(DELETE_WORD_COMMAND),
    block(DELETE_LINE_COMMAND),
    block(REMOVE_TEXT_COMMAND),
    block(INSERT_PARAGRAPH_COMMAND),
    block(INSERT_LINE_BREAK_COMMAND),
    block(INSERT_TAB_COMMAND),
    block(FORMAT_TEXT_COMMAND),
    block(SET_TEXT_FORMAT_COMMAND),
    block(FORMAT_ELEMENT_COMMAND),
    block(INDENT_CONTENT_COMMAND),
    block(OUTDENT_CONTENT_COMMAND),
    block(SELECTION_INSERT_CLIPBOARD_NODES_COMMAND),
    block(KEY_BACKSPACE_COMMAND),
    block(KEY_DELETE_COMMAND),
    block(KEY_ENTER_COMMAND),
    block(KEY_SPACE_COMMAND),
    editor.registerCommand(KEY_TAB_COMMAND, () => true, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(
      UNDO_COMMAND,
      () => {
        options.onUndo();
        return true;
      },
      COMMAND_PRIORITY_CRITICAL,
    ),
    editor.registerCommand(
      REDO_COMMAND,
      () => {
        options.onRedo();
        return true;
      },
      COMMAND_PRIORITY_CRITICAL,
    ),
    editor.registerRootListener((root) => {
      if (!root) return;
      root.addEventListener('beforeinput', blockInput, { capture: true });
      return () => root.removeEventListener('beforeinput', blockInput, { capture: true });
    }),
  );
}
