// Makes the README's screenshot from a real session: an analyst tags the opening of our
// own sample article the way the tags are meant to be used.
import { resolve } from 'node:path';
import { annotationRow, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, findPhrase } from '../support/article';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { expect, test } from './fixtures';

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
  // let the list click's flash fade, and show the article from the top
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('marginalia-flash')?.size ?? 0)).toBe(0);
  await page.getByRole('region', { name: 'Article text' }).evaluate((region) => {
    for (const el of [region, ...region.querySelectorAll('*')]) if (el.scrollHeight > el.clientHeight + 1) el.scrollTop = 0;
  });
  await page.screenshot({ path: resolve(import.meta.dirname, '../../assets/screenshot.png') });
});
