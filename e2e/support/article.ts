// Reads the article as shown and turns text positions into screen points, so tests can
// select with a real mouse drag or real Shift+Arrow keys.
import { expect, type Locator, type Page } from '@playwright/test';

export function articleEditor(page: Page): Locator {
  return page.getByRole('region', { name: 'Article text' }).locator('[contenteditable]');
}

/** The document text as displayed: one paragraph per line. */
export async function displayedText(page: Page): Promise<string> {
  return articleEditor(page).evaluate((root) =>
    Array.from(root.children)
      .map((paragraph) => paragraph.textContent ?? '')
      .join('\n'),
  );
}

export interface WordSpan {
  line: number;
  /** UTF-16 offsets within the line. */
  start: number;
  end: number;
  text: string;
}

/** Words (letters/digits runs) of each line, for picking spans that are real words. */
export function wordsOfLine(lineText: string, line: number): WordSpan[] {
  return Array.from(lineText.matchAll(/[\p{L}\p{N}]+/gu), (m) => ({
    line,
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}

/** A line with at least `minWords` plain words, skipping the first `skip` such lines. */
export function pickLine(text: string, minWords: number, skip = 0): { line: number; words: WordSpan[] } {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const words = wordsOfLine(lines[i] ?? '', i);
    if (words.length >= minWords && !/[\u{10000}-\u{10FFFF}]/u.test(lines[i] ?? '')) {
      if (seen++ === skip) return { line: i, words };
    }
  }
  throw new Error(`no line with ${minWords} words`);
}

/** Document offset of a position in a line. */
export function docOffset(text: string, line: number, offsetInLine: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line; i++) offset += (lines[i] ?? '').length + 1;
  return offset + offsetInLine;
}

/** Viewport rectangle of one character (UTF-16 offset within a line), scrolled into view first. */
export async function charBox(page: Page, line: number, offset: number): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await articleEditor(page).evaluate(
    (root, [lineIndex, charOffset]) => {
      const paragraph = root.children[lineIndex as number] as HTMLElement;
      let range: Range | null = null;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let remaining = charOffset as number;
      for (let node = walker.nextNode(); node && !range; node = walker.nextNode()) {
        const length = (node.textContent ?? '').length;
        if (remaining < length) {
          range = document.createRange();
          range.setStart(node, remaining);
          range.setEnd(node, remaining + 1);
        }
        remaining -= length;
      }
      if (!range) return null;
      paragraph.scrollIntoView({ block: 'center' });
      // A paragraph taller than the viewport (one huge line): centre the character itself.
      let scroller = paragraph.parentElement;
      while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) {
        scroller = scroller.parentElement;
      }
      if (scroller && paragraph.getBoundingClientRect().height > scroller.clientHeight) {
        const view = scroller.getBoundingClientRect();
        scroller.scrollTop += range.getBoundingClientRect().top - (view.top + view.height / 2);
      }
      const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    },
    [line, offset],
  );
  if (!box) throw new Error(`no character at line ${line} offset ${offset}`);
  return box;
}

/** Drags the real mouse from the middle of the first word's first letter to the last word's last letter. */
export async function dragSelect(page: Page, from: WordSpan, to: WordSpan): Promise<void> {
  const a = await charBox(page, from.line, from.start);
  const b = await charBox(page, to.line, to.end - 1);
  await page.mouse.move(a.x + a.width * 0.3, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + a.height / 4, { steps: 5 });
  await page.mouse.move(b.x + b.width * 0.7, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Puts the caret before `from` with a click, then extends with Shift+ArrowRight to the end of `to`. */
export async function keyboardSelect(page: Page, lineText: string, from: WordSpan, to: WordSpan): Promise<void> {
  const a = await charBox(page, from.line, from.start);
  await page.mouse.click(a.x + 1, a.y + a.height / 2);
  // one ArrowRight per grapheme
  const count = Array.from(new Intl.Segmenter().segment(lineText.slice(from.start, to.end))).length;
  for (let i = 0; i < count; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect
    .poll(() => page.evaluate(() => window.getSelection()?.toString().length ?? 0))
    .toBeGreaterThan(0);
}

/** Clicks the middle of a character, e.g. to hit-test highlights. */
export async function clickChar(page: Page, line: number, offset: number): Promise<void> {
  const box = await charBox(page, line, offset);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The first and last word of `phrase` where it first occurs in the text, for selecting it. */
export function findPhrase(text: string, phrase: string): { from: WordSpan; to: WordSpan } {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const at = (lines[line] ?? '').indexOf(phrase);
    if (at === -1) continue;
    const words = wordsOfLine(lines[line] ?? '', line).filter((w) => w.start >= at && w.end <= at + phrase.length);
    const [from, to] = [words[0], words[words.length - 1]];
    if (from && to) return { from, to };
  }
  throw new Error(`phrase not found: ${phrase}`);
}
