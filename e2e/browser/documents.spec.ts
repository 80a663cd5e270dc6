// Item 7, many documents: the Documents list's search (titles and full text), sorting (title,
// date added, annotations), a status per document that the analyst sets and that lasts; Open
// folder… adding to the open set with `~` and folder completion in the browser host; removing a
// document (it stays out after a restart, keeps its annotations and comes back with its folder);
// and the review queue walking the whole corpus with J and K.
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { annotationRow, openDocument, waitSaved } from '../support/annotate-flow';
import { corpusLoaded, documentItem, documentsRegion, listedTitles, writeCorpus } from '../support/daily';
import { AnalystSession, closeDialog, currentItem, focusQueue, importFile, openReview, reviewQueue, tagPhrases } from '../support/review';
import { test } from './fixtures';
import { hostApi } from '../support/web-host';
import type { CorpusStatus } from '../../shared/api';

const HARBOUR = 'Harbour closed after storm\n\nThe port authority said 40 fishing boats were damaged on Monday night near Belomor.\n';
const BRIDGE = 'Bridge at Orlin reopened\n\nEngineers reopened the bridge after shelling near Plyokhovo damaged its eastern span.\n';
const MARKET = 'Market fire in Tarsk\n\nNo casualties were reported after the fire at the central market, the mayor said.\n';
const FERRY = 'Ferry service suspended\n\nThe ferry to Tarsk will not run until Friday, the operator said.\n';

async function search(page: Page, query: string): Promise<void> {
  await documentsRegion(page).getByRole('searchbox', { name: 'Search documents' }).fill(query);
}

async function sortBy(page: Page, label: string): Promise<void> {
  await documentsRegion(page).getByRole('combobox', { name: 'Sort' }).selectOption({ label });
}

test('search titles and text, sort by title or annotations, and a status per document that lasts', async ({ app }) => {
  const corpus = await writeCorpus({ 'a-harbour.txt': HARBOUR, 'b-bridge.txt': BRIDGE, 'c-market.txt': MARKET });
  const page = await app.launch(corpus);
  await corpusLoaded(page);
  expect(await listedTitles(page)).toEqual(['Bridge at Orlin reopened', 'Harbour closed after storm', 'Market fire in Tarsk']);

  // Full text, whatever the case, every word; the excerpt marks the match.
  await search(page, 'plyokhovo');
  await expect.poll(() => listedTitles(page)).toEqual(['Bridge at Orlin reopened']);
  await expect(documentItem(page, 'Bridge at Orlin').locator('mark')).toHaveText('Plyokhovo');
  await search(page, 'SHELLING eastern');
  await expect.poll(() => listedTitles(page)).toEqual(['Bridge at Orlin reopened']);
  await search(page, 'tarsk');
  await expect.poll(() => listedTitles(page)).toEqual(['Market fire in Tarsk']);
  await search(page, 'mayor boats');
  await expect(documentsRegion(page).getByRole('status')).toHaveText('No document has “mayor boats” in its title or text.');
  await expect.poll(() => listedTitles(page)).toEqual([]);
  await search(page, '');
  await expect.poll(() => listedTitles(page)).toHaveLength(3);

  // Sorting by annotations counts (my layer): Market 2, Harbour 1, Bridge 0.
  await tagPhrases(page, 'Market fire', [
    { phrase: 'No casualties', type: 'claim' },
    { phrase: 'the mayor', type: 'source' },
  ]);
  await tagPhrases(page, 'Harbour closed', [{ phrase: '40 fishing boats', type: 'figure' }]);
  await sortBy(page, 'Annotations (most first)');
  await expect.poll(() => listedTitles(page)).toEqual(['Market fire in Tarsk', 'Harbour closed after storm', 'Bridge at Orlin reopened']);
  await sortBy(page, 'Title');
  await expect.poll(() => listedTitles(page)).toEqual(['Bridge at Orlin reopened', 'Harbour closed after storm', 'Market fire in Tarsk']);

  // Status: set by the analyst, kept by the host across a restart.
  await documentItem(page, 'Harbour closed').getByRole('combobox', { name: /^Status of Harbour closed/ }).selectOption({ label: 'Done' });
  await documentItem(page, 'Market fire').getByRole('combobox', { name: /^Status of Market fire/ }).selectOption({ label: 'In progress' });
  await expect(documentItem(page, 'Harbour closed')).toContainText('Done');
  // The list shows a status at once; wait until the host has both before stopping it.
  const savedStatuses = async () => {
    const corpus = await hostApi<CorpusStatus>(app.host(), 'getCorpusStatus');
    return Object.fromEntries(corpus.documents.map((d) => [d.title, d.status]));
  };
  await expect.poll(savedStatuses).toMatchObject({ 'Harbour closed after storm': 'done', 'Market fire in Tarsk': 'in-progress' });
  await app.restart();
  await corpusLoaded(page);
  await expect(documentItem(page, 'Harbour closed').getByRole('combobox', { name: /^Status of/ })).toHaveValue('done');
  await expect(documentItem(page, 'Market fire').getByRole('combobox', { name: /^Status of/ })).toHaveValue('in-progress');
  await expect(documentItem(page, 'Bridge at Orlin').getByRole('combobox', { name: /^Status of/ })).toHaveValue('not-started');
});

test('Open folder… adds to the open set (with ~ and folder completion); a removed document stays out and keeps its annotations', async ({ app }) => {
  const root = await writeCorpus({ 'first/a-harbour.txt': HARBOUR, 'first/b-bridge.txt': BRIDGE, 'second/ferry.txt': FERRY }, 'marginalia-folders-');
  await mkdir(join(root, 'secrets'));
  await writeFile(join(root, 'second-notes.txt'), 'a file, not a folder');
  const page = await app.launch(join(root, 'first'));
  await corpusLoaded(page);
  await tagPhrases(page, 'Bridge at Orlin', [{ phrase: 'Plyokhovo', type: 'place' }]);

  await documentsRegion(page).getByRole('button', { name: 'Open folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open folder' });
  const field = dialog.getByRole('combobox', { name: 'Folder path' });
  // ~ is the home folder of the host (the same user as this test): shown, and completed there.
  await field.fill('~/');
  await expect(dialog.getByText(`Opens ${homedir()}/`)).toBeVisible();
  // Completion offers folders only (not the file named like them), and Enter takes the highlighted one.
  await field.fill(`${root}/sec`);
  const options = dialog.getByRole('listbox', { name: 'Folders' }).getByRole('option');
  await expect(options).toHaveText([join(root, 'second'), join(root, 'secrets')]);
  await field.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await field.press('Enter');
  await expect(field).toHaveValue(`${join(root, 'second')}/`);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();

  // Added, not replaced; the newest first when sorted by date added.
  await expect.poll(() => listedTitles(page)).toEqual(['Bridge at Orlin reopened', 'Ferry service suspended', 'Harbour closed after storm']);
  await sortBy(page, 'Date added (newest first)');
  await expect.poll(async () => (await listedTitles(page))[0]).toBe('Ferry service suspended');

  // Removing a document takes it out of the list...
  await documentItem(page, 'Bridge at Orlin').getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => listedTitles(page)).toEqual(['Ferry service suspended', 'Harbour closed after storm']);
  // ...and it stays out after a restart (the host reopens the folder it was in).
  await app.restart();
  await corpusLoaded(page);
  await expect(documentsRegion(page)).toContainText('Harbour closed after storm');
  expect(await listedTitles(page)).not.toContain('Bridge at Orlin reopened');

  // Opening its folder again brings it back, with its annotation.
  await documentsRegion(page).getByRole('button', { name: 'Open folder…' }).click();
  await dialog.getByRole('combobox', { name: 'Folder path' }).fill(join(root, 'first'));
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(documentsRegion(page)).toContainText('Bridge at Orlin reopened');
  await expect(documentItem(page, 'Bridge at Orlin').locator('.document-count.tag-place')).toHaveText(/1$/);
  await openDocument(page, 'Bridge at Orlin');
  await expect(annotationRow(page, 'place', 'Plyokhovo')).toBeVisible();
});

test('the review queue walks the whole corpus: J opens the next document with items left, K goes back', async ({ page }, testInfo) => {
  const corpus = await writeCorpus({ 'a-harbour.txt': HARBOUR, 'b-bridge.txt': BRIDGE, 'c-market.txt': MARKET });
  const out = testInfo.outputPath();
  const ben = await AnalystSession.launch(page, 'Ben', corpus, out);
  await tagPhrases(page, 'Harbour closed', [{ phrase: '40 fishing boats', type: 'figure' }]);
  await tagPhrases(page, 'Market fire', [
    { phrase: 'No casualties', type: 'claim' },
    { phrase: 'the mayor', type: 'source' },
  ]);
  const bensExport = await ben.exportAll();
  await ben.stop();

  await AnalystSession.launch(page, 'Ana', corpus, out);
  await closeDialog(await importFile(page, bensExport));
  await openDocument(page, 'Harbour closed');
  await openReview(page);
  await reviewQueue(page).getByRole('checkbox', { name: 'Whole corpus' }).check();
  await expect(currentItem(page)).toContainText('Figure: 40 fishing boats — Ben');
  await expect(reviewQueue(page).getByLabel('Left in other documents')).toHaveText('+2 in 1 other document');

  // J past the last item of this document opens the next one with items left (Bridge has none).
  await focusQueue(page);
  await page.keyboard.press('j');
  await expect(page.getByRole('region', { name: 'Article text' })).toContainText('Market fire in Tarsk');
  await expect(currentItem(page)).toContainText('Claim: No casualties — Ben');
  await page.keyboard.press('j');
  await expect(currentItem(page)).toContainText('Source: the mayor — Ben');
  await page.keyboard.press('k');
  await expect(currentItem(page)).toContainText('Claim: No casualties — Ben');
  // K before the first item goes back to the previous document, at its last item.
  await page.keyboard.press('k');
  await expect(page.getByRole('region', { name: 'Article text' })).toContainText('Harbour closed after storm');
  await expect(currentItem(page)).toContainText('Figure: 40 fishing boats — Ben');

  // A decision here leaves this document done; J goes on to the next.
  await page.keyboard.press('a');
  await waitSaved(page);
  await expect(reviewQueue(page)).toContainText('2 left in 1 other document: press J for the next.');
  await page.keyboard.press('j');
  await expect(currentItem(page)).toContainText('Claim: No casualties — Ben');
});
