// assets/screenshot-review.png: Ana has imported Ben's tags of the same article and walks the
// review queue: both layers on the text, one rejection made, a comment thread open.
import { test } from '@playwright/test';
import { waitSaved } from '../support/annotate-flow';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { AnalystSession, closeDialog, currentItem, importFile, openReview, reviewProgress, reviewQueue, tagPhrases } from '../support/review';
import { expect } from '../browser/fixtures';
import { saveScreenshot } from './shot';
import { ANA, BEN, CLAIM, COMMENT, REASON } from '../support/review-scenario';


test('README screenshot: reviewing a colleague’s layer', async ({ page }, testInfo) => {
  const article = corpusFiles(SAMPLE_CORPUS).find((f) => f.text.includes(CLAIM));
  if (!article) throw new Error('sample article missing');
  const out = testInfo.outputPath();
  const ben = await AnalystSession.launch(page, 'Ben', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, BEN);
  const benFile = await ben.exportAll();
  await ben.stop();

  const ana = await AnalystSession.launch(page, 'Ana', SAMPLE_CORPUS, out);
  await page.getByRole('region', { name: 'Tour' }).getByRole('button', { name: 'Skip tour' }).click();
  await tagPhrases(page, article.title, ANA);
  await closeDialog(await importFile(page, benFile));
  await openReview(page);
  await page.keyboard.press('j');
  await expect(currentItem(page)).toContainText('Source: Open Imagery Collective');
  await page.keyboard.press('r');
  await page.keyboard.type(REASON);
  await page.keyboard.press('Enter');
  await expect(reviewProgress(page)).toHaveText('1 of 4 reviewed');
  await page.keyboard.press('c');
  await page.keyboard.type(COMMENT);
  await page.keyboard.press('Enter');
  await expect(reviewQueue(page)).toContainText('Check 1,200');
  await waitSaved(page);
  await saveScreenshot(page, 'screenshot-review.png');
  await ana.stop();
});
