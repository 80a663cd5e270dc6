// Keys of the review queue while it is open: J next, K previous, A accept, R reject (opens
// the Reason box), C comment. Never while typing in a text field, a dialog or a menu.
import { useEffect, useRef } from 'react';
import { isTextField } from '../app/useShortcuts';
import { shortcutFor } from '../help/shortcuts';

export interface ReviewKeyHandlers {
  next: () => void;
  previous: () => void;
  accept: () => void;
  reject: () => void;
  comment: () => void;
}

export function useReviewKeys(enabled: boolean, handlers: ReviewKeyHandlers): void {
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  }, [handlers]);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof Element && target.closest('dialog, [role="menu"]')) return;
      if (isTextField(target)) return;
      const h = handlersRef.current;
      // The keys are the review entries of the shortcut table (help/shortcuts.ts).
      const id = shortcutFor(event, 'review');
      const action = id && { 'review-next': h.next, 'review-previous': h.previous, 'review-accept': h.accept, 'review-reject': h.reject, 'review-comment': h.comment }[id];
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      action();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled]);
}
