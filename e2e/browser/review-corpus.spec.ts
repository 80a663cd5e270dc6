// A shorter review round on the real articles of ../shared/corpus: Ben tags two spans, Ana
// one identical and one of her own; Ana imports Ben's export, accepts and rejects by
// keyboard, exports (schema 1.1) and reads the agreement figures.
import { expect, test } from '@playwright/test';
import { annotationRow, annotationRows, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, pickLine, type WordSpan } from '../support/article';
import { corpusFiles, SHARED_CORPUS, sharedCorpusSkipReason } from '../support/corpus';
import { checkExportFile } from '../support/export-check';
import { AnalystSession, agreementPanel, agreementRow, closeDialog, currentItem, importCount, importFile, openReview, reviewProgress, reviewQueue, setView } from '../support/review';

const missingCorpus = sharedCorpusSkipReason('review-corpus.spec.ts');
test.skip(missingCorpus !== null, missingCorpus ?? '');

interface SpanTag {
  from: WordSpan;
  to: WordSpan;
  key: '1' | '3' | '4';
  type: 'claim' | 'figure' | 'place';
}

test('real articles: import a colleague’s export, review it by keyboard, agreement', async ({ page }, testInfo) => {
  const first = corpusFiles(SHARED_CORPUS)[0];
  if (!first) throw new Error('shared corpus is empty');
  const out = testInfo.outputPath();

  const ben = await AnalystSession.launch(page, 'Ben', SHARED_CORPUS, out);
  await openDocument(page, first.title);
  const text = await displayedText(page);
  const { line, words } = pickLine(text, 12);
  const w = (i: number): WordSpan => {
    const word = words[i];
    if (!word) throw new Error(`line ${line} has no word ${i}`);
    return word;
  };
  const quote = (s: SpanTag) => (text.split('\n')[line] ?? '').slice(s.from.start, s.to.end);
  const shared: SpanTag = { from: w(1), to: w(3), key: '1', type: 'claim' };
  const bensFigure: SpanTag = { from: w(5), to: w(6), key: '3', type: 'figure' };
  const anasPlace: SpanTag = { from: w(8), to: w(9), key: '4', type: 'place' };
  const tag = async (spans: SpanTag[]) => {
    for (const s of spans) {
      await dragSelect(page, s.from, s.to);
      await page.keyboard.press(s.key);
      await expect(annotationRow(page, s.type, quote(s))).toBeVisible();
    }
    await waitSaved(page);
  };
  await tag([shared, bensFigure]);
  const benFile = await ben.exportAll();
  await ben.stop();

  const ana = await AnalystSession.launch(page, 'Ana', SHARED_CORPUS, out);
  await openDocument(page, first.title);
  await tag([shared, anasPlace]);
  const result = await importFile(page, benFile);
  expect(await importCount(result, 'Annotations added')).toBe(2);
  await closeDialog(result);
  await expect(annotationRows(page)).toHaveCount(4);
  await setView(page, 'Differences only');
  await expect(annotationRows(page)).toHaveCount(2);
  await setView(page, 'Both');

  // Queue in text order: the shared claim, then Ben's figure.
  await openReview(page);
  await expect(reviewProgress(page)).toHaveText('0 of 2 reviewed');
  await expect(currentItem(page)).toContainText(`Claim: ${quote(shared).slice(0, 30)}`);
  await page.keyboard.press('j');
  await expect(currentItem(page)).toContainText(`Figure: ${quote(bensFigure).slice(0, 30)}`);
  await page.keyboard.press('a');
  await expect(reviewProgress(page)).toHaveText('1 of 2 reviewed');
  await expect(currentItem(page)).toContainText(`Claim: ${quote(shared).slice(0, 30)}`);
  await page.keyboard.press('r');
  await expect(reviewQueue(page).getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await page.keyboard.type('Already in my layer');
  await page.keyboard.press('Enter');
  await expect(reviewProgress(page)).toHaveText('2 of 2 reviewed');
  await waitSaved(page);

  const exported = checkExportFile(await ana.exportAll());
  const annotations = exported.documents.flatMap((d) => d.annotations);
  const reviews = exported.documents.flatMap((d) => d.reviews ?? []);
  expect(reviews.filter((r) => r.decision === 'accept')).toHaveLength(1);
  expect(reviews.filter((r) => r.decision === 'reject').map((r) => r.reason)).toEqual(['Already in my layer']);
  expect(annotations.filter((a) => a.origin?.author === 'Ben')).toHaveLength(1);

  // Independent work: Ana's claim and place (2), Ben's claim and figure (2): 1 matched, F1 1/2.
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  await expect.poll(async () => (await agreementRow(page, 'Overall')).slice(0, 4)).toEqual(['1 / 2 / 2', '0.500', '0.500', '0.500']);
  // With the accepted figure counted (3 for Ana): 2 matched, F1 4/5.
  await agreementPanel(page).getByRole('checkbox', { name: 'Include accepted copies' }).check();
  await expect.poll(async () => (await agreementRow(page, 'Overall')).slice(0, 4)).toEqual(['2 / 3 / 2', '1.000', '0.667', '0.800']);
  await ana.stop();
});
