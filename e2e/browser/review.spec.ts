// Two analysts review each other's work through the real UI: Ben and Ana each tag the same
// sample article in their own data dir and export; Ana imports Ben's file, compares layers,
// walks the review queue with the keyboard, restarts, exports and checks the agreement
// figures; Ben imports Ana's export and sees her decisions on his own annotations.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { annotationRow, annotationRows, waitSaved } from '../support/annotate-flow';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { checkExportFile } from '../support/export-check';
import {
  AnalystSession,
  agreementPanel,
  agreementRow,
  closeDialog,
  currentItem,
  focusQueue,
  importCount,
  importFile,
  layers,
  openReview,
  reviewProgress,
  reviewQueue,
  setView,
  tagPhrases,
} from '../support/review';
import { ANA, BEN, CLAIM, COMMENT, REASON } from '../support/review-scenario';


test('Ana reviews Ben: import, layers, keyboard queue, restart, export, agreement; Ben sees the decisions', async ({ page }, testInfo) => {
  const article = corpusFiles(SAMPLE_CORPUS).find((f) => f.text.includes(CLAIM));
  if (!article) throw new Error('sample article missing');
  const out = testInfo.outputPath();

  // Ben tags and exports.
  const ben = await AnalystSession.launch(page, 'Ben', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, BEN);
  const benFile = await ben.exportAll();
  await ben.stop();

  // Ana tags and exports, in her own data dir.
  const ana = await AnalystSession.launch(page, 'Ana', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, ANA);
  const anaFirstFile = await ana.exportAll();
  expect(checkExportFile(anaFirstFile).documents.flatMap((d) => d.annotations)).toHaveLength(4);

  // A bad (truncated) file: a clear error and nothing changes.
  const truncated = resolve(out, 'truncated.json');
  const benText = readFileSync(benFile, 'utf8');
  writeFileSync(truncated, benText.slice(0, Math.floor(benText.length / 2)));
  const failed = await importFile(page, truncated);
  await expect(failed).toHaveAccessibleName('Import failed');
  await expect(failed.getByRole('alert')).toContainText('was not imported, and nothing was changed');
  await closeDialog(failed);
  await expect(annotationRows(page)).toHaveCount(4);

  // Import Ben's file.
  const result = await importFile(page, benFile);
  await expect(result).toHaveAccessibleName('Import result');
  // "All documents" exports every open document (the four sample articles), annotated or not.
  expect(await importCount(result, 'Documents matched')).toBe(4);
  expect(await importCount(result, 'Annotations added')).toBe(4);
  expect(await importCount(result, 'Orphans')).toBe(0);
  await expect(result).toContainText('Authors: Ben');
  await closeDialog(result);
  await expect(annotationRows(page)).toHaveCount(8);
  await expect(annotationRow(page, 'source', 'Open Imagery Collective')).toHaveAccessibleName(/— Ben$/);
  await expect(annotationRow(page, 'source', 'Irina Volkova')).toHaveAccessibleName(/— Ana$/);

  // The same file again: no duplicates.
  const again = await importFile(page, benFile);
  expect(await importCount(again, 'Annotations added')).toBe(0);
  expect(await importCount(again, 'Annotations unchanged')).toBe(4);
  await closeDialog(again);
  await expect(annotationRows(page)).toHaveCount(8);

  // Layers: checkboxes per analyst and the View select.
  const benLayer = layers(page).getByRole('checkbox', { name: /Ben/ });
  await expect(layers(page).getByRole('checkbox', { name: /Ana/ })).toBeChecked();
  await benLayer.uncheck();
  await expect(annotationRows(page)).toHaveCount(4);
  await benLayer.check();
  await setView(page, 'Theirs');
  await expect(annotationRows(page)).toHaveCount(4);
  await expect(annotationRows(page).first()).toHaveAccessibleName(/— Ben$/);
  await setView(page, 'Mine');
  await expect(annotationRows(page)).toHaveCount(4);
  await setView(page, 'Differences only');
  // Only the identical claims match, so the other six are differences.
  await expect(annotationRows(page)).toHaveCount(6);
  await expect(annotationRow(page, 'claim', CLAIM)).toHaveCount(0);
  await expect(annotationRow(page, 'figure', 'roughly 60 metres wide')).toHaveCount(1);
  // Other analysts' spans are painted in their own highlights, also where they overlap mine.
  const theirs = await page.evaluate(() => ['claim', 'source', 'figure', 'place'].reduce((n, t) => n + (CSS.highlights.get(`marginalia-theirs-${t}`)?.size ?? 0), 0));
  expect(theirs).toBe(3);
  await setView(page, 'Both');
  await expect(annotationRows(page)).toHaveCount(8);
  const authorFilter = page.getByRole('region', { name: 'Annotations' }).getByRole('combobox', { name: 'Filter by author' });
  await authorFilter.selectOption({ label: 'Ben' });
  await expect(annotationRows(page)).toHaveCount(4);
  await authorFilter.selectOption({ label: 'All' });

  // The review queue, by keyboard: Ben's four in text order.
  await openReview(page);
  await expect(reviewProgress(page)).toHaveText('0 of 4 reviewed');
  await expect(currentItem(page)).toContainText(`Claim: ${CLAIM}`);
  const details = page.getByRole('region', { name: 'Selected annotation' });
  await expect(details).toContainText(CLAIM);
  await page.keyboard.press('j');
  await expect(currentItem(page)).toContainText('Source: Open Imagery Collective');
  await page.keyboard.press('j');
  await expect(currentItem(page)).toContainText('Figure: at least 1,200 residents');
  await page.keyboard.press('k');
  await expect(currentItem(page)).toContainText('Source: Open Imagery Collective');
  await expect(details).toContainText('Open Imagery Collective');
  // Ben's layer is reviewed, not edited: no delete, no retag, and the Delete key changes nothing.
  await expect(details.getByRole('button', { name: 'Delete annotation' })).toHaveCount(0);
  await expect(details.getByRole('combobox', { name: 'Tag' })).toBeDisabled();
  await page.keyboard.press('Delete');
  await expect(annotationRows(page)).toHaveCount(8);

  // R: reject with a reason (typing "a" or "j" in the box must not act on the queue).
  await page.keyboard.press('r');
  const reason = reviewQueue(page).getByRole('textbox', { name: 'Reason' });
  await expect(reason).toBeFocused();
  await page.keyboard.type(REASON);
  await page.keyboard.press('Enter');
  await expect(reviewProgress(page)).toHaveText('1 of 4 reviewed');
  await expect(currentItem(page)).toContainText('Figure: at least 1,200 residents');

  // C: a comment keeps the item pending.
  await page.keyboard.press('c');
  const comment = reviewQueue(page).getByRole('textbox', { name: 'Comment' });
  await expect(comment).toBeFocused();
  await page.keyboard.type(COMMENT);
  await page.keyboard.press('Enter');
  await expect(reviewQueue(page)).toContainText(COMMENT);
  await expect(reviewProgress(page)).toHaveText('1 of 4 reviewed');

  // (The README's review screenshot shows this state: e2e/screenshots/review.spec.ts, npm run screenshots.)
  await waitSaved(page);

  // J then A: accept Ben's place (copied into Ana's layer); undo and redo it.
  await focusQueue(page);
  await page.keyboard.press('j');
  await expect(currentItem(page)).toContainText('Place: Lesnaya Polyana');
  await page.keyboard.press('a');
  await expect(reviewProgress(page)).toHaveText('2 of 4 reviewed');
  await expect(annotationRows(page)).toHaveCount(9);
  await page.keyboard.press('Control+z');
  await expect(reviewProgress(page)).toHaveText('1 of 4 reviewed');
  await expect(annotationRows(page)).toHaveCount(8);
  await page.keyboard.press('Control+Shift+z');
  await expect(reviewProgress(page)).toHaveText('2 of 4 reviewed');
  await expect(annotationRows(page)).toHaveCount(9);
  await waitSaved(page);

  // Restart the host: decisions, the comment and the accepted copy persist.
  await ana.restart();
  await expect(annotationRows(page)).toHaveCount(9);
  await expect(annotationRow(page, 'source', 'Open Imagery Collective')).toHaveAccessibleName(/— Ben, rejected$/);
  // Ben's place and Ana's accepted copy of it.
  await expect(annotationRow(page, 'place', 'Lesnaya Polyana')).toHaveCount(2);
  await expect(annotationRow(page, 'place', 'Lesnaya Polyana').last()).toHaveAccessibleName(/— (Ana|Ben, accepted)$/);
  await openReview(page);
  await expect(reviewProgress(page)).toHaveText('2 of 4 reviewed');
  await annotationRow(page, 'source', 'Open Imagery Collective').click();
  await expect(details).toContainText('Rejected by Ana');
  await expect(details).toContainText(`Reason: ${REASON}`);
  await setView(page, 'Differences only');
  await expect(annotationRows(page)).toHaveCount(5);
  await setView(page, 'Both');

  // Export: format 2, spans where format 1 had them, decisions and comments as entries of their own.
  const anaFile = await ana.exportAll();
  const exported = checkExportFile(anaFile);
  expect(exported.version).toBe(2);
  const all = exported.documents.flatMap((d) => d.annotations);
  const reviews = exported.documents.flatMap((d) => d.reviews ?? []);
  const comments = exported.documents.flatMap((d) => d.comments ?? []);
  const byQuote = (author: string, quote: string) => all.find((a) => a.author === author && a.quote === quote);
  const rejected = byQuote('Ben', 'Open Imagery Collective');
  expect(reviews.find((r) => r.spanId === rejected?.id)).toMatchObject({ decision: 'reject', creator: { name: 'Ana' }, reason: REASON });
  const commented = byQuote('Ben', 'at least 1,200 residents');
  expect(reviews.find((r) => r.spanId === commented?.id)).toBeUndefined();
  expect(comments.filter((c) => c.spanId === commented?.id).map((c) => [c.creator.name, c.text])).toEqual([['Ana', COMMENT]]);
  const accepted = byQuote('Ben', 'Lesnaya Polyana');
  const copy = byQuote('Ana', 'Lesnaya Polyana');
  expect(reviews.find((r) => r.spanId === accepted?.id)).toMatchObject({ decision: 'accept', creator: { name: 'Ana' }, copyId: copy?.id });
  expect(copy?.origin).toMatchObject({ id: accepted?.id, author: 'Ben' });

  // Agreement, Ana (A, reference) vs Ben (B) on this document, counting independent work: Ana's
  // claim, 2 figures and source = 4 spans (her accepted copy of Ben's place is left out); Ben: 4.
  // Exact: the claim = 1 matched, P R F1 1/4. Overlap adds the two 1,200 figures: 2, F1 1/2.
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const panel = agreementPanel(page);
  await expect(panel.getByRole('combobox', { name: 'Analyst A' }).locator('option:checked')).toHaveText('Ana');
  await expect(panel.getByRole('combobox', { name: 'Analyst B' }).locator('option:checked')).toHaveText('Ben');
  await expect.poll(async () => (await agreementRow(page, 'Overall')).slice(0, 8)).toEqual(['1 / 4 / 4', '0.250', '0.250', '0.250', '2', '0.500', '0.500', '0.500']);
  // With "Include accepted copies", Ana's place counts (5 spans). Exact: claim + place = 2
  // matched, P 2/4, R 2/5, F1 4/9. Overlap: 3 matched, P 3/4, R 3/5, F1 6/9.
  await panel.getByRole('checkbox', { name: 'Include accepted copies' }).check();
  await expect.poll(async () => (await agreementRow(page, 'Overall')).slice(0, 8)).toEqual(['2 / 5 / 4', '0.500', '0.400', '0.444', '3', '0.750', '0.600', '0.667']);
  const overall = await agreementRow(page, 'Overall');
  // Cohen's kappa and Krippendorff's alpha over the word tokens are defined here (both varied).
  for (const figure of overall.slice(8, 10)) expect(figure).toMatch(/^-?\d\.\d{3}$/);
  expect((await agreementRow(page, 'Place')).slice(0, 4)).toEqual(['1 / 1 / 1', '1.000', '1.000', '1.000']);
  // Sources: Ana's "Irina Volkova" and Ben's "Open Imagery Collective" do not overlap.
  expect((await agreementRow(page, 'Source')).slice(0, 4)).toEqual(['0 / 1 / 1', '0.000', '0.000', '0.000']);
  // Clicking a disagreement selects and flashes its span.
  await panel.getByRole('button', { name: /^Only Ana: Source “Irina Volkova”/ }).click();
  await expect(details).toContainText('Irina Volkova');
  await panel.getByRole('button', { name: 'Close agreement' }).click();
  await ana.stop();

  // Ben imports Ana's export and sees her decisions on his own annotations.
  await ben.start();
  const benImport = await importFile(page, anaFile);
  await expect(benImport).toContainText('Authors: Ana, Ben');
  // Ana's five spans are new to Ben; his own come back unchanged (her decisions are records of hers).
  expect(await importCount(benImport, 'Annotations added')).toBe(5);
  expect(await importCount(benImport, 'Annotations updated')).toBe(0);
  await closeDialog(benImport);
  await annotationRow(page, 'source', 'Open Imagery Collective').click();
  await expect(details).toContainText('Review of your annotation: Rejected by Ana');
  await expect(details).toContainText(`Reason: ${REASON}`);
  await annotationRow(page, 'figure', 'at least 1,200 residents').click();
  await expect(details).toContainText(COMMENT);
  await annotationRow(page, 'place', 'Lesnaya Polyana').first().click();
  await expect(details).toContainText(/Accepted by Ana|Accepted from Ben/);
  await ben.stop();
});
