// "Skip to article": the first thing Tab reaches, shown only while focused. It puts focus in
// the article text (where arrow keys read and Shift+arrows select), or on the article region
// when no document is open.
import type { MouseEvent } from 'react';

export const ARTICLE_TARGET_ID = 'article-text';

export function focusArticle(): boolean {
  const editor = document.querySelector<HTMLElement>('[aria-label="Article text"] .article-text[contenteditable]');
  const page = editor?.closest('.article-page');
  if (editor && page && !page.classList.contains('article-page-hidden')) {
    editor.focus();
    return true;
  }
  const region = document.querySelector<HTMLElement>('[aria-label="Article text"]');
  if (!region) return false;
  if (!region.hasAttribute('tabindex')) region.tabIndex = -1;
  region.focus();
  return true;
}

export function SkipLink() {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (focusArticle()) event.preventDefault();
  };
  return (
    <a className="skip-link" href={`#${ARTICLE_TARGET_ID}`} onClick={onClick}>
      Skip to article
    </a>
  );
}
