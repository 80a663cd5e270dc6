// The comparison pages in the same Chromium: plain paragraphs (baseline) and the peer.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { installProbe, selectVisibleWords, settleFrames, timeToMark } from './probe';
import { Random } from './random';
import { VIEWPORT } from './ui-bench';

export async function openComparison(browser: Browser, url: string, timeoutMs: number): Promise<{ context: BrowserContext; page: Page; openMs: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(installProbe);
  await page.goto(url);
  await page.waitForTimeout(300);
  await page.click('#open');
  const openMs = await timeToMark(page, 'bench:ready', 'click', timeoutMs);
  return { context, page, openMs };
}

/**
 * The peer creates an annotation from the current selection when Shift is released (its
 * keyboard gesture); a selectstart first makes it start a new annotation rather than move
 * the last one. ms from that keyup to the peer's redraw with the new highlight.
 */
export async function peerTagTimes(page: Page, count: number, seed: number): Promise<number[]> {
  const random = new Random(seed);
  const used = new Set<string>();
  const times: number[] = [];
  let misses = 0;
  // Keys go to the body, as when reading: the peer ignores keys aimed at other controls.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  while (times.length < count) {
    if (times.length % 10 === 0) await page.evaluate(() => document.getElementById('scroller')?.scrollBy({ top: 400, behavior: 'instant' }));
    await page.evaluate(() => document.getElementById('article')?.dispatchEvent(new Event('selectstart')));
    const span = await selectVisibleWords(page, '#scroller', '#article > p', [random.next(), random.next(), random.next()]);
    if (!span || used.has(span)) {
      if (++misses > count) throw new Error('could not find fresh spans to tag');
      continue;
    }
    used.add(span);
    await settleFrames(page);
    await page.waitForTimeout(30); // the peer reads the selection 10 ms after it changes
    await page.keyboard.press('Shift');
    times.push(await timeToMark(page, 'bench:annotation-painted', 'keyup', 10_000));
  }
  return times;
}
