// Long articles open fast by letting off-screen paragraphs skip layout and paint
// (content-visibility: auto with an estimated height). Once the document is ready the hints
// are released a slice at a time in idle periods: kept, their per-frame bookkeeping made
// every scroll frame of a 1 MB article miss 60 Hz (bench: ~99% long frames with, ~1% without).
import type { LexicalEditor } from 'lexical';
import type { OffsetIndex } from './offset-index';

/** Below this length laying out the whole article at once is cheap: no hints. */
const HINT_FROM_CHARS = 20_000;
/** Rough characters per rendered line at the article measure, for the height estimate. */
const CHARS_PER_LINE = 64;
const RELEASE_PER_SLICE = 250;

/** Applies the hints and schedules their release; returns a function that cancels the release. */
export function hintThenRelease(editor: LexicalEditor, index: OffsetIndex): () => void {
  if (index.text.length < HINT_FROM_CHARS) return () => undefined;
  const hinted: HTMLElement[] = [];
  index.paragraphKeys.forEach((key, line) => {
    const length = index.lineEnd(line) - index.lineStart(line);
    const element = length > 0 ? editor.getElementByKey(key) : null;
    if (!element) return;
    element.style.contentVisibility = 'auto';
    element.style.containIntrinsicBlockSize = `auto ${Math.ceil(length / CHARS_PER_LINE)}lh`;
    hinted.push(element);
  });

  let next = 0;
  let handle = 0;
  const releaseSlice = () => {
    for (const element of hinted.slice(next, next + RELEASE_PER_SLICE)) {
      element.style.contentVisibility = '';
      element.style.containIntrinsicBlockSize = '';
    }
    next += RELEASE_PER_SLICE;
    if (next < hinted.length) handle = requestIdleCallback(releaseSlice);
  };
  handle = requestIdleCallback(releaseSlice);
  return () => cancelIdleCallback(handle);
}
