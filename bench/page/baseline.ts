// Baseline: the article as plain DOM paragraphs, no editor and no highlights.
import { loadData, markAfterNextPaint, renderParagraphs, requireElement } from './shared-page';

requireElement('open').addEventListener('click', () => {
  void loadData().then((data) => {
    renderParagraphs(requireElement('article'), data.text);
    markAfterNextPaint('bench:ready');
  });
});
