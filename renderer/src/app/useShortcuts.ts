// Application keyboard shortcuts, handled in the capture phase so the article editor never
// sees them. Which key does what is the table in help/shortcuts.ts (scope "app"), which the
// keyboard shortcut sheet lists too.
import { useEffect, useRef } from 'react';
import { shortcutFor } from '../help/shortcuts';
import { type ShortcutHandlers, appShortcutActions } from './app-shortcuts';

export type { Edge, ShortcutHandlers } from './app-shortcuts';

const ARTICLE_SELECTOR = '.article-text';

/** Where keys should type text rather than run shortcuts. The article is read-only, so it is not one. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest(ARTICLE_SELECTOR)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.isContentEditable;
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
      const id = shortcutFor(event, 'app');
      if (id === null) return;
      if (appShortcutActions(handlersRef.current)[id]()) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
