// Hostile articles through the real UI: each renders as inert text (no script runs, no markup
// becomes elements, the text shows literally), can be tagged with a real drag or real
// Shift+Arrow keys and a number key, and exports with exact code point offsets (checked by
// JSON Schema, JS code points and Python slicing).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { normalizeText } from '../../shared/text';
import { annotationRows, openDocument, waitSaved } from '../support/annotate-flow';
import { articleEditor, displayedText, dragSelect, keyboardSelect, type WordSpan } from '../support/article';
import { checkExportFile } from '../support/export-check';
import { expect, test } from './fixtures';
import { hostileCases } from './hostile-cases';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

/** Elements that markup in the text could have created if it were interpreted. */
async function activeElementCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const count = (selector: string) => document.querySelectorAll(selector).length;
    return {
      img: count('img'),
      iframe: count('iframe'),
      object: count('object, embed'),
      inlineScript: count('script:not([src])'),
      scripts: count('script'),
      style: count('style'),
      svg: count('svg'),
      links: count('a[href]'),
      bold: count('b'),
    };
  });
}

/** Where the target is: line, UTF-16 offsets within it, and in the whole text. */
function locate(text: string, target: string): { from: WordSpan; to: WordSpan; lineText: string; index: number } {
  const titleEnd = text.indexOf('\n');
  const index = text.indexOf(target, titleEnd);
  if (index === -1) throw new Error(`target ${JSON.stringify(target)} is not in the text`);
  const line = text.slice(0, index).split('\n').length - 1;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const lineText = text.slice(lineStart, text.indexOf('\n', index) === -1 ? undefined : text.indexOf('\n', index));
  const start = index - lineStart;
  const end = start + target.length;
  return { from: { line, start, end: start + 1, text: target }, to: { line, start: end - 1, end, text: target }, lineText, index };
}

for (const hostile of hostileCases()) {
  test(`hostile article: ${hostile.name}`, async ({ app }, testInfo) => {
    const corpus = await mkdtemp(join(tmpdir(), 'marginalia-hostile-'));
    await writeFile(join(corpus, hostile.fileName), hostile.bytes);
    const expectedText = normalizeText(new TextDecoder('utf-8').decode(hostile.bytes));
    try {
      const page = await app.launch(corpus);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const before = await activeElementCounts(page);

      const openedAt = Date.now();
      await openDocument(page, hostile.title);
      const openMs = Date.now() - openedAt;

      // Inert: the text is shown literally, and nothing it contains was run or created.
      expect(await displayedText(page)).toBe(expectedText);
      await expect(page.getByRole('region', { name: 'Documents' })).toContainText(hostile.title.slice(0, 30));
      await page.waitForTimeout(300); // an onerror/onload would have fired by now
      expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
      expect(await activeElementCounts(page)).toEqual(before);
      const tags = await articleEditor(page).evaluate((root) => [...new Set(Array.from(root.querySelectorAll('*'), (e) => e.tagName))]);
      expect(tags.filter((t) => !['P', 'SPAN', 'BR'].includes(t))).toEqual([]);

      // Tag it with a real selection and a number key.
      const { from, to, lineText, index } = locate(expectedText, hostile.target);
      if (hostile.select === 'drag') await dragSelect(page, from, to);
      else await keyboardSelect(page, lineText, from, to);
      const taggedAt = Date.now();
      await page.keyboard.press(hostile.key);
      await expect(annotationRows(page)).toHaveCount(1);
      const tagMs = Date.now() - taggedAt;
      await waitSaved(page);

      // Export: exact quote and code point offsets, checked by JS and Python.
      const file = checkExportFile(await app.exportAll());
      const doc = file.documents[0];
      expect(doc?.text).toBe(expectedText);
      const annotation = doc?.annotations[0];
      expect(annotation?.quote).toBe(hostile.target);
      const start = Array.from(expectedText.slice(0, index)).length;
      expect([annotation?.start, annotation?.end]).toEqual([start, start + Array.from(hostile.target).length]);

      expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      const timing = `${hostile.name}: open ${openMs} ms, tag ${tagMs} ms (key press to list row)`;
      testInfo.annotations.push({ type: 'timing', description: timing });
      console.log(`[hostile] ${timing}`);
    } finally {
      await rm(corpus, { recursive: true, force: true });
    }
  });
}
