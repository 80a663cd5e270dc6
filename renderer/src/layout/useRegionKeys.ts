// F6 moves focus to the next region of the window (Documents, the toolbar, the review queue,
// the article, the agreement panel, Annotations) and Shift+F6 to the previous one, as in
// other desktop apps. Modal dialogs keep their own focus.
import { useEffect } from 'react';
import { focusNextRegion } from './regions';

export function useRegionKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F6' || event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]:modal')) return;
      event.preventDefault();
      focusNextRegion(event.shiftKey);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
