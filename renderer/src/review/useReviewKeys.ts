// Keys of the review queue while it is open: J next, K previous, A accept, R reject (opens
// the Reason box), C comment. Never while typing in a text field, a dialog or a menu.
import { useEffect, useRef } from 'react';
import { isTextField } from '../app/useShortcuts';

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
      const action = { j: h.next, k: h.previous, a: h.accept, r: h.reject, c: h.comment }[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      action();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled]);
}
