// Accessibility through the real UI: axe-core finds no serious or critical violation on the main
// views (a tagged document with a colleague's layer, the Export dialog, the Agreement panel,
// the Review queue) in the light and the dark theme; the skip link lands in the article; F6
// walks the window's regions; tagging is announced through the live region; the article and
// the lists show a focus ring.
import type { Locator, Page } from '@playwright/test';
import { annotationRow, openDocument } from '../support/annotate-flow';
import { articleEditor, displayedText, dragSelect, findPhrase } from '../support/article';
import { describeViolations, runAxe } from '../support/axe';
import { SAMPLE_CORPUS, corpusFiles } from '../support/corpus';
import { AnalystSession, agreementPanel, closeDialog, importFile, openReview, reviewQueue, tagPhrases } from '../support/review';
import { expect, test } from './fixtures';

const CLAIM = 'a breach roughly 60 metres wide in the Veshnaya reservoir dam';
const ARTICLE = corpusFiles(SAMPLE_CORPUS).find((f) => f.text.includes(CLAIM));

async function expectNoSeriousViolations(page: Page, view: string): Promise<void> {
  const report = await runAxe(page);
  expect(report.passes, `axe ran its rules on ${view}`).toBeGreaterThan(10);
  expect(report.blocking, `${view}:\n${describeViolations(report.blocking)}`).toEqual([]);
}

async function expectFocusRing(target: Locator): Promise<void> {
  const ring = await target.evaluate((el) => {
    // The article's ring is drawn by its page; a row's by the row itself.
    const holder = el.classList.contains('article-text') ? (el.closest('.article-page') ?? el) : el;
    const style = getComputedStyle(holder);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
}

test.describe('accessibility', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('axe: no serious or critical violations on the main views, light and dark', async ({ page }, testInfo) => {
    // Eight full-page axe runs, each several seconds on two cores.
    test.setTimeout(300_000);
    if (!ARTICLE) throw new Error('sample article missing');
    const out = testInfo.outputPath();
    // Ben's layer, imported by Ana: the review queue and the agreement panel have something to show.
    const ben = await AnalystSession.launch(page, 'Ben', SAMPLE_CORPUS, out);
    await tagPhrases(page, ARTICLE.title, [
      { phrase: CLAIM, type: 'claim' },
      { phrase: 'Open Imagery Collective', type: 'source' },
      { phrase: 'at least 1,200 residents', type: 'figure' },
    ]);
    const benFile = await ben.exportAll();
    await ben.stop();
    const ana = await AnalystSession.launch(page, 'Ana', SAMPLE_CORPUS, out);
    await tagPhrases(page, ARTICLE.title, [
      { phrase: 'roughly 60 metres wide', type: 'figure' },
      { phrase: 'Lesnaya Polyana', type: 'place' },
    ]);
    await closeDialog(await importFile(page, benFile));
    await openDocument(page, ARTICLE.title);
    await expect(annotationRow(page, 'claim', CLAIM)).toBeVisible();

    for (const theme of ['Light', 'Dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
      await annotationRow(page, 'claim', CLAIM).click(); // a selected annotation, with its review controls
      await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(CLAIM);
      await expectNoSeriousViolations(page, `main window (${theme})`);

      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const exportDialog = page.getByRole('dialog', { name: 'Export annotations' });
      await expect(exportDialog).toBeVisible();
      await expectNoSeriousViolations(page, `Export dialog (${theme})`);
      await page.keyboard.press('Escape');
      await expect(exportDialog).toBeHidden();

      await page.getByRole('button', { name: 'Agreement', exact: true }).click();
      await expect(agreementPanel(page)).toBeVisible();
      await expect(agreementPanel(page).getByRole('table', { name: 'Agreement by tag' })).toBeVisible();
      await expectNoSeriousViolations(page, `Agreement panel (${theme})`);
      await page.getByRole('button', { name: 'Agreement', exact: true }).click();
      await expect(agreementPanel(page)).toBeHidden();

      await openReview(page);
      await expect(reviewQueue(page).getByLabel('Current item')).toBeVisible();
      await expectNoSeriousViolations(page, `Review queue (${theme})`);
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      await expect(reviewQueue(page)).toBeHidden();
      await testInfo.attach(`main-${theme}.png`, { body: await page.screenshot(), contentType: 'image/png' });
    }
    await ana.stop();
  });

  test('the skip link puts the keyboard in the article, where it can select and tag', async ({ app }) => {
    if (!ARTICLE) throw new Error('sample article missing');
    const page = await app.launch(SAMPLE_CORPUS);
    await openDocument(page, ARTICLE.title);
    // Start from the top of the page, as after loading it: Tab's first stop is the skip link.
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to article' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Enter');
    const editor = articleEditor(page);
    await expect(editor).toBeFocused();
    await expectFocusRing(editor);
    // The caret is at the start of the text: Shift+→ selects the first word, 1 tags it.
    const firstWord = /^[\p{L}\p{N}]+/u.exec(await displayedText(page))?.[0] ?? '';
    expect(firstWord.length).toBeGreaterThan(0);
    for (let i = 0; i < firstWord.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('1');
    await expect(annotationRow(page, 'claim', firstWord)).toBeVisible();
  });

  test('F6 and Shift+F6 move between the regions of the window', async ({ app }) => {
    if (!ARTICLE) throw new Error('sample article missing');
    const page = await app.launch(SAMPLE_CORPUS);
    await openDocument(page, ARTICLE.title);
    const text = await displayedText(page);
    const { from, to } = findPhrase(text, 'Open Imagery Collective');
    await dragSelect(page, from, to);
    await page.keyboard.press('2');
    const row = annotationRow(page, 'source', 'Open Imagery Collective');
    await expect(row).toBeVisible();

    const editor = articleEditor(page);
    const currentDocument = page.getByRole('region', { name: 'Documents' }).locator('[aria-current="true"]');
    const firstToolButton = page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Claim', exact: true });
    await editor.focus();
    await expect(editor).toBeFocused();

    await page.keyboard.press('F6');
    await expect(row).toBeFocused(); // Annotations: the selected row
    await expectFocusRing(row);
    await page.keyboard.press('F6');
    await expect(currentDocument).toBeFocused(); // Documents: the open document
    await expectFocusRing(currentDocument);
    await page.keyboard.press('F6');
    await expect(firstToolButton).toBeFocused(); // the toolbar
    await page.keyboard.press('F6');
    await expect(editor).toBeFocused(); // back in the article

    await page.keyboard.press('Shift+F6');
    await expect(firstToolButton).toBeFocused();
    await page.keyboard.press('Shift+F6');
    await expect(currentDocument).toBeFocused();
    await page.keyboard.press('Shift+F6');
    await expect(row).toBeFocused();

    // An open review queue is a region of its own, between the toolbar and the article.
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await expect(reviewQueue(page)).toBeVisible();
    await firstToolButton.focus();
    await page.keyboard.press('F6');
    await expect(reviewQueue(page)).toBeFocused();
    await page.keyboard.press('F6');
    await expect(editor).toBeFocused();

    // A hidden panel is skipped.
    await page.getByRole('button', { name: 'Hide annotations panel' }).click();
    await editor.focus();
    await page.keyboard.press('F6');
    await expect(currentDocument).toBeFocused();
  });

  test('tagging is announced through the live region', async ({ app }) => {
    if (!ARTICLE) throw new Error('sample article missing');
    const page = await app.launch(SAMPLE_CORPUS);
    await openDocument(page, ARTICLE.title);
    const live = page.getByRole('status', { name: 'Announcements' });
    await expect(live).toHaveAttribute('aria-live', 'polite');
    await expect(live).toHaveText('');
    const text = await displayedText(page);
    for (const { phrase, key, label } of [
      { phrase: CLAIM, key: '1', label: 'Claim' },
      { phrase: 'Open Imagery Collective', key: '2', label: 'Source' },
    ]) {
      const { from, to } = findPhrase(text, phrase);
      await dragSelect(page, from, to);
      await page.keyboard.press(key);
      await expect(live).toHaveText(`${label} added: ${phrase}`);
    }
    // The tag button says it the same way.
    const { from, to } = findPhrase(text, 'Lesnaya Polyana');
    await dragSelect(page, from, to);
    await page.getByRole('button', { name: 'Place', exact: true }).click();
    await expect(live).toHaveText('Place added: Lesnaya Polyana');
  });
});
