// assets/screenshot.png, the README's first picture, from a real session: an analyst tags the
// opening of our own sample article the way the tags are meant to be used; then the same in dark
// mode (screenshot-dark.png) and the keyboard shortcut sheet (screenshot-shortcuts.png).
import { annotationRow, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, findPhrase } from '../support/article';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { expect, test } from '../browser/fixtures';
import { saveScreenshot } from './shot';

const TAGGING = [
  { phrase: 'a breach roughly 60 metres wide in the Veshnaya reservoir dam', key: '1', type: 'claim' },
  { phrase: 'Open Imagery Collective', key: '2', type: 'source' },
  { phrase: 'roughly 60 metres wide', key: '3', type: 'figure' },
  { phrase: 'Veshnaya reservoir dam', key: '4', type: 'place' },
  { phrase: 'at least 1,200 residents', key: '3', type: 'figure' },
  { phrase: 'Irina Volkova', key: '2', type: 'source' },
  { phrase: 'about 3\u00a0metres in 48 hours', key: '3', type: 'figure' },
] as const;

test('README screenshot: a tagged sample article', async ({ app }) => {
  const page = await app.launch(SAMPLE_CORPUS);
  await page.getByRole('region', { name: 'Tour' }).getByRole('button', { name: 'Skip tour' }).click();
  const article = corpusFiles(SAMPLE_CORPUS).find((f) => f.text.includes(TAGGING[0].phrase));
  if (!article) throw new Error('the sample article for the screenshot is missing');
  await openDocument(page, article.title);
  const text = await displayedText(page);
  for (const { phrase, key, type } of TAGGING) {
    const { from, to } = findPhrase(text, phrase);
    await dragSelect(page, from, to);
    await page.keyboard.press(key);
    await expect(annotationRow(page, type, phrase)).toBeVisible();
  }
  await annotationRow(page, 'source', 'Irina Volkova').click();
  const details = page.getByRole('region', { name: 'Selected annotation' });
  await details.getByRole('textbox', { name: 'Note' }).fill('Spokeswoman, regional emergency service');
  await details.getByRole('textbox', { name: 'Note' }).blur();
  await waitSaved(page);
  await saveScreenshot(page, 'screenshot.png');

  // The same session with the system in dark mode (the app follows it unless the switch says otherwise).
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreenshot(page, 'screenshot-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  // `?` opens the keyboard shortcut sheet.
  await page.getByRole('region', { name: 'Article text' }).click({ position: { x: 16, y: 4 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  // From its first section (focus on Close scrolls it to the end).
  await sheet.evaluate((dialog) => {
    for (const el of [dialog, ...dialog.querySelectorAll('*')]) el.scrollTop = 0;
  });
  await saveScreenshot(page, 'screenshot-shortcuts.png', { scrollTop: false });
});
