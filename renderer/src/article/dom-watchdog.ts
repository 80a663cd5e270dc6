// Last line of defence for the read-only article: some input (IME composition above all)
// changes the DOM directly and cannot be cancelled. Any DOM change we did not make is
// checked once composition ends, and the view is rebuilt if the text no longer matches.

export interface DomWatchdog {
  /** Forgets mutations made by our own rendering (call right after it). */
  acceptPending(): void;
  dispose(): void;
}

export function watchArticleDom(root: HTMLElement, isIntact: () => boolean, repair: () => void): DomWatchdog {
  let composing = false;
  let scheduled = false;

  const check = () => {
    scheduled = false;
    if (!composing && !isIntact()) repair();
  };
  // After Lexical has handled the same mutations (its observer runs first).
  const schedule = () => {
    if (scheduled || composing) return;
    scheduled = true;
    setTimeout(check, 0);
  };

  const observer = new MutationObserver((records) => {
    if (records.length > 0) schedule();
  });
  observer.observe(root, { characterData: true, childList: true, subtree: true });

  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    schedule();
  };
  root.addEventListener('compositionstart', onCompositionStart);
  root.addEventListener('compositionend', onCompositionEnd);
  // Belt and braces: any input event means something tried to edit.
  root.addEventListener('input', schedule);

  return {
    acceptPending: () => {
      observer.takeRecords();
    },
    dispose: () => {
      observer.disconnect();
      root.removeEventListener('compositionstart', onCompositionStart);
      root.removeEventListener('compositionend', onCompositionEnd);
      root.removeEventListener('input', schedule);
    },
  };
}
