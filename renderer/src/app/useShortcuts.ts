// Application keyboard shortcuts, handled in the capture phase so the article editor never
// sees them: 1-4 tag, Delete deletes the selected annotation, Ctrl/Cmd+Z undoes,
// Ctrl/Cmd+Shift+Z and Ctrl+Y redo, Escape clears the selection.
import { useEffect, useRef } from 'react';
import { TAGS, type TagType } from '../../../shared/model';

export interface ShortcutHandlers {
  tag: (type: TagType) => void;
  deleteSelected: () => boolean;
  undo: () => void;
  redo: () => void;
  clearSelection: () => boolean;
}

const ARTICLE_SELECTOR = '.article-text';

/** Where keys should type text rather than run shortcuts. The article is read-only, so it is not one. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest(ARTICLE_SELECTOR)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.isContentEditable;
}

function tagForKey(event: KeyboardEvent): TagType | null {
  const byKey = TAGS.find((t) => t.key === event.key);
  if (byKey) return byKey.type;
  const byCode = TAGS.find((t) => event.code === `Digit${t.key}` || event.code === `Numpad${t.key}`);
  return byCode ? byCode.type : null;
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  }, [handlers]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target;
      // Modal dialogs and menus own their keys.
      if (target instanceof Element && target.closest('dialog, [role="menu"]')) return;
      if (isTextField(target)) return;
      const h = handlersRef.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (mod && !event.altKey && key === 'z') {
        if (event.shiftKey) h.redo();
        else h.undo();
      } else if (mod && !event.altKey && !event.shiftKey && key === 'y') {
        h.redo();
      } else if (!mod && !event.altKey && tagForKey(event)) {
        h.tag(tagForKey(event) as TagType);
      } else if (!mod && !event.altKey && event.key === 'Delete') {
        handled = h.deleteSelected();
      } else if (!mod && event.key === 'Escape') {
        handled = h.clearSelection();
      } else {
        handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
