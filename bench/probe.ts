// Code the harness runs inside the pages (serialized by Playwright, so each function is
// self-contained). It records input timestamps and reads the timing marks.
import type { Page } from 'playwright-core';

interface ProbeState {
  click: number;
  keydown: number;
  keyup: number;
}

type ProbeWindow = Window & { benchProbe?: ProbeState };

/** Installed before any page script: remembers when the last click and keys happened. */
export function installProbe(): void {
  const probe: ProbeState = { click: 0, keydown: 0, keyup: 0 };
  (window as ProbeWindow).benchProbe = probe;
  document.addEventListener('click', (event) => (probe.click = event.timeStamp), true);
  window.addEventListener('keydown', (event) => (probe.keydown = event.timeStamp), true);
  window.addEventListener('keyup', (event) => (probe.keyup = event.timeStamp), true);
}

/** Waits for a mark newer than the last `input` and returns the time from that input to it. */
export async function timeToMark(page: Page, mark: string, input: keyof ProbeState, timeoutMs = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    ({ mark, input }) => {
      const probe = (window as ProbeWindow).benchProbe;
      const entry = performance.getEntriesByName(mark).at(-1);
      if (!probe || !entry || probe[input] === 0 || entry.startTime <= probe[input]) return null;
      return entry.startTime - probe[input];
    },
    { mark, input },
    { timeout: timeoutMs, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

/** Resolves after two frames, so what the page did with the last input has settled. */
export async function settleFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/**
 * Selects a few words of a paragraph visible in `scrollerSelector`, chosen by `pick` (0..1
 * values). Returns a key for the span, or null when no visible paragraph has words.
 */
export async function selectVisibleWords(page: Page, scrollerSelector: string, paragraphSelector: string, pick: [number, number, number]): Promise<string | null> {
  return page.evaluate(
    ({ scrollerSelector, paragraphSelector, pick }) => {
      const scroller = document.querySelector(scrollerSelector);
      if (!scroller) return null;
      const box = scroller.getBoundingClientRect();
      const paragraphs = [...document.querySelectorAll(paragraphSelector)];
      const visible = paragraphs.filter((p) => {
        const rect = p.getBoundingClientRect();
        return rect.top >= box.top && rect.bottom <= box.bottom && (p.textContent ?? '').length > 20;
      });
      const paragraph = visible[Math.floor(pick[0] * visible.length)];
      const walker = paragraph && document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      const textNode = walker?.nextNode();
      if (!paragraph || !textNode) return null;
      const text = textNode.textContent ?? '';
      const words = [...text.matchAll(/[A-Za-z0-9][A-Za-z0-9,'-]*/g)];
      const firstIndex = Math.floor(pick[1] * Math.max(1, words.length - 4));
      const first = words[firstIndex];
      const last = words[Math.min(words.length - 1, firstIndex + Math.floor(pick[2] * 4))];
      if (!first || !last) return null;
      const start = first.index;
      const end = last.index + last[0].length;
      window.getSelection()?.setBaseAndExtent(textNode, start, textNode, end);
      return `${paragraphs.indexOf(paragraph)}:${start}:${end}`;
    },
    { scrollerSelector, paragraphSelector, pick },
  );
}
