// Marginalia's own UI in Chromium, served by the real browser host: open, tag, scroll, heap.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningHost } from '../e2e/support/web-host';
import { installProbe, selectVisibleWords, settleFrames, timeToMark } from './probe';
import { Random } from './random';

export const VIEWPORT = { width: 1400, height: 900 };
const READY_MARK = 'marginalia:document-ready';
const PAINTED_MARK = 'marginalia:annotation-painted';
const TAG_KEYS = ['1', '2', '3', '4'];
const MAX_DUPLICATES = 10;

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  openMs: number;
}

/** A fresh page on the app, with the document list loaded and the page idle. */
async function appPage(browser: Browser, host: RunningHost, title: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(installProbe);
  const button = page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: title });
  // Reload on a slow or failed start: other processes (builds, tests) may share this machine.
  for (let attempt = 1; ; attempt++) {
    await page.goto(host.url);
    try {
      await button.waitFor({ timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await page.getByRole('progressbar', { name: 'Loading documents' }).waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
  return { context, page };
}

/** Clicks the document in the Documents list; time until text and highlights are painted. */
export async function openInApp(browser: Browser, host: RunningHost, title: string): Promise<OpenedPage> {
  const { context, page } = await appPage(browser, host, title);
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: title }).click();
  const openMs = await timeToMark(page, READY_MARK, 'click');
  const painted = await page.evaluate(() => ['claim', 'source', 'figure', 'place'].reduce((n, t) => n + (CSS.highlights.get(`marginalia-${t}`)?.size ?? 0), 0));
  if (painted === 0) throw new Error(`${title}: no highlights were painted`);
  return { context, page, openMs };
}

/** JS heap in use after a full garbage collection, in MB. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usage.usedSize / 1024 / 1024;
}

/** Tags `count` fresh selections by key; ms from keydown to the highlight painted. */
export async function tagTimes(page: Page, count: number, seed: number): Promise<number[]> {
  const random = new Random(seed);
  const used = new Set<string>();
  const times: number[] = [];
  let misses = 0;
  let duplicates = 0;
  while (times.length < count) {
    if (times.length % 10 === 0) {
      await page.evaluate(() => document.querySelector('.article-scroller')?.scrollBy({ top: 400, behavior: 'instant' }));
    }
    const key = TAG_KEYS[times.length % TAG_KEYS.length] ?? '1';
    const span = await selectVisibleWords(page, '.article-scroller', '.article-text > p', [random.next(), random.next(), random.next()]);
    if (!span || used.has(`${span}:${key}`)) {
      if (++misses > count) throw new Error('could not find fresh spans to tag');
      continue;
    }
    used.add(`${span}:${key}`);
    await settleFrames(page);
    await page.keyboard.press(key);
    try {
      times.push(await timeToMark(page, PAINTED_MARK, 'keydown', 2_000));
    } catch {
      // The span may already carry that tag (the app then selects it, painting nothing new).
      if (++duplicates > MAX_DUPLICATES) throw new Error(`${duplicates} tags painted nothing (last: ${span}, key ${key})`);
    }
  }
  return times;
}

/**
 * Scrolls the article top to bottom by `step` px per frame; returns rAF-to-rAF frame times.
 */
export async function scrollFrames(page: Page, scrollerSelector: string, step: number): Promise<number[]> {
  // A string, not a function: the bundler would wrap a named inner function in a helper
  // that does not exist in the page.
  const script = `new Promise((resolve, reject) => {
    const scroller = document.querySelector(${JSON.stringify(scrollerSelector)});
    if (!scroller) return reject(new Error('no scroller'));
    scroller.scrollTop = 0;
    const frames = [];
    let last = -1;
    const frame = (now) => {
      if (last >= 0) frames.push(now - last);
      last = now;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) return resolve(frames);
      scroller.scrollTop += ${step};
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })`;
  return (await page.evaluate(script)) as number[];
}
