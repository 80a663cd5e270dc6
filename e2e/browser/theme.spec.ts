// Dark mode: the window follows the system's colour scheme, the Theme switch overrides it and
// is remembered; in both themes the tagged text stays readable on its tag's wash, and the tag
// glyphs and line cues stand out from the page (contrast measured on what the browser computed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { TAGS } from '../../shared/model';
import { annotationRow, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, findPhrase } from '../support/article';
import { SAMPLE_CORPUS, corpusFiles } from '../support/corpus';
import { contrast, over } from '../support/layout-probe';
import { expect, test } from './fixtures';

const PHRASES = [
  { phrase: 'Open Imagery Collective', type: 'source', key: '2' },
  { phrase: 'roughly 60 metres wide', type: 'figure', key: '3' },
  { phrase: 'Lesnaya Polyana', type: 'place', key: '4' },
  { phrase: 'the dam had been hit twice in one night', type: 'claim', key: '1' },
] as const;
const ARTICLE = corpusFiles(SAMPLE_CORPUS).find((f) => PHRASES.every(({ phrase }) => f.text.includes(phrase)));

function storedTheme(dataDir: string): unknown {
  try {
    return (JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { theme?: unknown }).theme ?? null;
  } catch {
    return null;
  }
}

const background = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);

test.describe('theme', () => {
  test.use({ viewport: { width: 1366, height: 768 }, colorScheme: 'dark' });

  test('follows the system, and the switch overrides it and is remembered', async ({ app }) => {
    const page = await app.launch(SAMPLE_CORPUS);
    const html = page.locator('html');
    const theme = page.getByRole('combobox', { name: 'Theme' });
    await expect(theme).toHaveValue('system');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    // The page really is dark: light text on a dark canvas.
    const dark = { canvas: await background(page, 'body'), ink: await page.locator('body').evaluate((el) => getComputedStyle(el).color) };
    expect(contrast(dark.canvas, 'rgb(0, 0, 0)')).toBeLessThan(1.5);
    expect(contrast(dark.ink, dark.canvas)).toBeGreaterThanOrEqual(7);

    // The system turns light: so does the window, without a reload.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(contrast(await background(page, 'body'), 'rgb(255, 255, 255)')).toBeLessThan(1.5);

    // The switch: dark whatever the system says, saved, and still dark after a reload.
    await theme.selectOption({ label: 'Dark' });
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => storedTheme(app.host().dataDir)).toBe('dark');
    await app.reload();
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await theme.selectOption({ label: 'Light' });
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html).toHaveAttribute('data-theme', 'light');
    await theme.selectOption({ label: 'System' });
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => storedTheme(app.host().dataDir)).toBe('system');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`tag colours keep text readable (${scheme})`, async ({ app }, testInfo) => {
      if (!ARTICLE) throw new Error('the sample article with the phrases is missing');
      const page = await app.launch(SAMPLE_CORPUS);
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(scheme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await openDocument(page, ARTICLE.title);
      const text = await displayedText(page);
      for (const { phrase, type, key } of PHRASES) {
        const { from, to } = findPhrase(text, phrase);
        await dragSelect(page, from, to);
        await page.keyboard.press(key);
        await expect(annotationRow(page, type, phrase)).toBeVisible();
      }
      await waitSaved(page);
      await page.keyboard.press('Escape'); // no selected span: each tag shows its own wash
      await testInfo.attach(`tagged-${scheme}.png`, { body: await page.screenshot(), contentType: 'image/png' });

      const pageBackground = await background(page, '.article-page');
      const figures: string[] = [];
      for (const tag of TAGS) {
        const painted = await page.locator('.article-text .article-paragraph').first().evaluate((paragraph, name) => {
          const wash = getComputedStyle(paragraph, `::highlight(marginalia-${name})`);
          const line = getComputedStyle(paragraph, `::highlight(marginalia-band-${name}-0)`);
          return { wash: wash.backgroundColor, ink: wash.color, line: line.textDecorationColor };
        }, tag.type);
        const wash = over(painted.wash, pageBackground);
        const textRatio = contrast(painted.ink, wash);
        const lineRatio = contrast(painted.line, pageBackground);
        // The glyph in the Annotations list, on the list's background.
        const row = annotationRow(page, tag.type, PHRASES.find((p) => p.type === tag.type)?.phrase ?? '');
        const glyph = await row.locator('.tag-glyph').evaluate((el) => getComputedStyle(el).color);
        const rowBackground = await page.getByRole('complementary', { name: 'Annotations panel' }).evaluate((el) => getComputedStyle(el).backgroundColor);
        const glyphRatio = contrast(glyph, over(await row.evaluate((el) => getComputedStyle(el).backgroundColor), rowBackground));
        figures.push(`${tag.label}: text ${textRatio.toFixed(2)}, line ${lineRatio.toFixed(2)}, glyph ${glyphRatio.toFixed(2)}`);
        expect(textRatio, `${tag.label} text on its wash`).toBeGreaterThanOrEqual(4.5);
        expect(lineRatio, `${tag.label} line cue on the page`).toBeGreaterThanOrEqual(3);
        expect(glyphRatio, `${tag.label} glyph in the list`).toBeGreaterThanOrEqual(4.5);
      }
      testInfo.annotations.push({ type: `contrast (${scheme})`, description: figures.join('; ') });

      // The selected span keeps its text readable too.
      await annotationRow(page, 'claim', PHRASES[3].phrase).click();
      const selected = await page.locator('.article-text .article-paragraph').first().evaluate((paragraph) => {
        const style = getComputedStyle(paragraph, '::highlight(marginalia-selected)');
        return { background: style.backgroundColor, ink: style.color };
      });
      expect(contrast(selected.ink, over(selected.background, pageBackground))).toBeGreaterThanOrEqual(4.5);
    });
  }
});
