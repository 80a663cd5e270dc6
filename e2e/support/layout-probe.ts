// Measures the window as laid out in the browser: characters per line of the article, whether
// the toolbar overflows, whether a control is the topmost element where a click would land,
// and colour contrast (WCAG 2 relative luminance) of what the browser computed.
import type { Locator, Page } from '@playwright/test';

export interface Measure {
  /** Characters on each full line (the last line of each paragraph is left out). */
  lines: number[];
  median: number;
}

/** Characters per line of the article's paragraphs as the browser wrapped them. */
export async function articleMeasure(page: Page): Promise<Measure> {
  const lines = await page.getByRole('region', { name: 'Article text' }).locator('.article-text').evaluate((root) => {
    const counts: number[] = [];
    for (const paragraph of root.querySelectorAll('.article-paragraph')) {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      const perLine: number[] = [];
      let top = Number.NEGATIVE_INFINITY;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.height === 0) continue;
          if (rect.top > top + rect.height / 2) {
            perLine.push(0);
            top = rect.top;
          }
          perLine[perLine.length - 1] = (perLine[perLine.length - 1] ?? 0) + 1;
        }
      }
      counts.push(...perLine.slice(0, -1));
    }
    return counts;
  });
  const sorted = [...lines].sort((a, b) => a - b);
  return { lines, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
}

export interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  /** Controls that stick out of the toolbar or the window, by name. */
  outside: string[];
}

export async function toolbarOverflow(page: Page): Promise<Overflow> {
  return page.getByRole('toolbar', { name: 'Tagging' }).evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    const outside: string[] = [];
    for (const control of bar.querySelectorAll<HTMLElement>('button, label, select, [role="status"]')) {
      const r = control.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const inBar = r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
      const inWindow = r.left >= -0.5 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
      if (!inBar || !inWindow) outside.push(control.getAttribute('aria-label') ?? control.textContent?.trim() ?? control.tagName);
    }
    return { scrollWidth: bar.scrollWidth, clientWidth: bar.clientWidth, outside };
  });
}

/** Whether the control is what a click at its centre would hit (not covered by a panel). */
export async function isTopmost(control: Locator): Promise<boolean> {
  return control.evaluate((element) => {
    const r = element.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
}

export { contrast, over, parseColour } from '../../renderer/src/layout/contrast';
