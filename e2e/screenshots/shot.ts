// The one way a screenshot spec writes a picture: assets/<name>.png, from the page as it is,
// with the article scrolled to the top and no flash in progress. Only `npm run screenshots`
// runs e2e/screenshots/ (playwright.screenshots.config.ts), so `npm test` never writes assets/.
//
// To add one: a spec file here (e2e/screenshots/<feature>.spec.ts) that drives the real UI to the
// state worth showing, then `await saveScreenshot(page, 'screenshot-<feature>.png')`; reference it
// from the README and commit the PNG that `npm run screenshots` wrote.
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const ASSETS_DIR = resolve(import.meta.dirname, '../../assets');

/** Scrolls the article (and anything scrollable in it) to the top. */
export async function scrollArticleToTop(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'Article text' }).evaluate((region) => {
    for (const el of [region, ...region.querySelectorAll('*')]) if (el.scrollHeight > el.clientHeight + 1) el.scrollTop = 0;
  });
}

/** Waits for a list click's flash to fade, then writes assets/<fileName>. */
export async function saveScreenshot(page: Page, fileName: string, options: { scrollTop?: boolean } = {}): Promise<string> {
  if (!/^screenshot[\w-]*\.png$/.test(fileName)) throw new Error(`screenshots are named screenshot….png, not ${fileName}`);
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('marginalia-flash')?.size ?? 0)).toBe(0);
  if (options.scrollTop !== false) await scrollArticleToTop(page);
  const path = resolve(ASSETS_DIR, fileName);
  await page.screenshot({ path });
  return path;
}
