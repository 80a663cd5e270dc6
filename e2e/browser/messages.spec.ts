// Item 14, messages written for analysts, as the screen shows them: the import result names the
// annotations placed by matching nearby text (Show lists them) and says in one line why each
// orphan could not be placed; the disagreement list shows both full quotes with the differing
// ends marked; the per-document counts show my layer until asked for every layer; an empty
// folder says so; with no documents the centre says how to open one; Export waits for a tag; and
// a deleted span stops flashing at once.
import { expect, type Page } from '@playwright/test';
import { annotationRow, annotationRows, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, findPhrase } from '../support/article';
import { articleRegion, documentItem, documentsRegion, dropFiles, writeCorpus } from '../support/daily';
import { AnalystSession, agreementPanel, closeDialog, importFile, tagPhrases } from '../support/review';
import { test } from './fixtures';

const TITLE = 'Flooding closes coastal road near Varnik';
// Ben read this version; Ana's copy was corrected: a phrase added before his spans (they move)
// and the guild's name replaced (his source tag on it cannot be placed).
const BENS_TEXT = `${TITLE}

Heavy rain overnight flooded the coastal road between Varnik and the fishing village of Lindmar, the regional council said on Tuesday.

Officials said at least 1,200 residents were without power by morning, and three schools stayed closed.

A spokeswoman for the Harbour Pilots Guild said two ferries had stayed in port while the water rose.

Road crews expect to reopen the route by Thursday if the water recedes and no new storm arrives.
`;
const ANAS_TEXT = BENS_TEXT.replace('Heavy rain overnight', 'After two days of heavy rain, water overnight').replace('the Harbour Pilots Guild', 'the port office');

const flashSize = (page: Page): Promise<number> => page.evaluate(() => CSS.highlights.get('marginalia-flash')?.size ?? 0);

test('import names what was placed by matching text and why orphans were not; agreement marks differing ends; counts show my layer', async ({ page }, testInfo) => {
  const out = testInfo.outputPath();
  const ben = await AnalystSession.launch(page, 'Ben', await writeCorpus({ 'flood.txt': BENS_TEXT }), out);
  await tagPhrases(page, TITLE, [
    { phrase: 'at least 1,200 residents', type: 'figure' },
    { phrase: 'Lindmar', type: 'place' },
    { phrase: 'Harbour Pilots Guild', type: 'source' },
  ]);
  const bensExport = await ben.exportAll();
  await ben.stop();

  const ana = await AnalystSession.launch(page, 'Ana', await writeCorpus({ 'flood.txt': ANAS_TEXT }), out);
  await tagPhrases(page, TITLE, [{ phrase: '1,200 residents', type: 'figure' }]);
  const counts = documentItem(page, TITLE);
  await expect(counts).toContainText('My annotations:');
  await expect(counts.locator('.document-count.tag-figure')).toHaveText(/1$/);

  // The result says in words what was placed by matching nearby text, not paths and scores.
  const result = await importFile(page, bensExport);
  await expect(result).toHaveAccessibleName('Import result');
  const placed = result.getByRole('region', { name: 'Placed by matching text' });
  await expect(placed.getByRole('paragraph')).toHaveText('2 annotations placed by matching nearby text (check them: Show)');
  await expect(result).not.toContainText('documents[0]');
  await expect(result).not.toContainText('score');
  await placed.getByRole('button', { name: 'Show' }).click();
  const shownList = placed.getByRole('listitem');
  await expect(shownList).toHaveCount(2);
  expect((await shownList.allInnerTexts()).sort()).toEqual(['Figure: at least 1,200 residents — Ben (found by the words around it)', 'Place: Lindmar — Ben (found by the words around it)']);
  await expect(placed.getByRole('button', { name: 'Hide' })).toBeVisible();

  // The orphan: its document named once above it, then one line saying why.
  const orphans = result.getByRole('region', { name: 'Orphans', exact: true });
  await expect(orphans.getByRole('heading', { level: 4 })).toHaveText(`“${TITLE}” (flood.txt)`);
  const orphan = orphans.locator('.orphan-item');
  await expect(orphan).toHaveCount(1);
  await expect(orphan).toHaveText(/^Source: Harbour Pilots Guild — Ben: the quote was not found in the open copy \(flood\.txt\) even allowing \d+ edits$/);
  await expect(orphan).not.toContainText(TITLE);
  expect(await orphan.innerText()).not.toContain('\n');
  await closeDialog(result);
  await expect(annotationRows(page)).toHaveCount(3);

  // Counts: my layer by default, every layer only when asked.
  await expect(counts).toContainText('My annotations:');
  await expect(counts.locator('.document-count.tag-figure')).toHaveText(/1$/);
  await expect(counts.locator('.document-count.tag-place')).toHaveText(/0$/);
  await documentsRegion(page).getByRole('combobox', { name: 'Counts' }).selectOption({ label: 'All layers' });
  await expect(counts).toContainText('Annotations, every layer:');
  await expect(counts.locator('.document-count.tag-figure')).toHaveText(/2$/);
  await expect(counts.locator('.document-count.tag-place')).toHaveText(/1$/);

  // Agreement: both whole quotes, the part only Ben's covers marked.
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const boundaries = agreementPanel(page).getByRole('button', { name: /^Different boundaries/ });
  await expect(boundaries).toHaveText('Different boundaries: Ana Figure “1,200 residents”, Ben Figure “at least 1,200 residents”');
  const marked = boundaries.locator('mark.disagreement-differs');
  await expect(marked).toHaveCount(1);
  expect(await marked.textContent()).toBe('at least ');
  await expect(agreementPanel(page).getByRole('button', { name: /^Only Ben: Place “Lindmar”/ })).toBeVisible();
  await ana.stop();
});

test('an empty folder and no documents say what to do; Export waits for a tag; a deleted span stops flashing at once', async ({ app, page }) => {
  // A clock the test can stop: the flash cannot fade by itself while it is paused.
  await page.clock.install();
  const empty = await writeCorpus({}, 'marginalia-empty-');
  await app.launch(empty);

  // No documents: the centre says how to open some; the empty folder says so.
  const centre = page.getByRole('region', { name: 'No documents open' });
  await expect(centre.getByRole('heading', { name: 'No documents open' })).toBeVisible();
  await expect(centre).toContainText('Marginalia reads articles saved as plain text: .txt and .md files. To start, open some:');
  await expect(centre).toContainText('Or drag files or folders onto this window.');
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices).toContainText(`The folder ${empty} is empty: it holds no .txt or .md files (subfolders included).`);
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeDisabled();

  // Opening another empty folder through Open folder… says so too.
  const another = await writeCorpus({}, 'marginalia-empty-');
  await centre.getByRole('button', { name: 'Open folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open folder' });
  await dialog.getByRole('combobox', { name: 'Folder path' }).fill(another);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(notices).toContainText(`The folder ${another} is empty: it holds no .txt or .md files (subfolders included).`);
  await expect(centre).toBeVisible();

  // A document without annotations: still nothing to export.
  await dropFiles(page, [{ name: 'flood.txt', content: ANAS_TEXT, type: 'text/plain' }]);
  await expect(articleRegion(page)).toContainText('Officials said at least 1,200 residents');
  await expect(centre).toHaveCount(0);
  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAttribute('title', 'Nothing to export yet: no open document has an annotation');
  await openDocument(page, TITLE);
  const { from, to } = findPhrase(await displayedText(page), 'Lindmar');
  await dragSelect(page, from, to);
  await page.keyboard.press('4');
  await expect(annotationRow(page, 'place', 'Lindmar')).toBeVisible();
  await expect(exportButton).toBeEnabled();
  await waitSaved(page);

  // Clicking the row flashes the span; deleting it stops the flash with time stood still.
  await page.clock.pauseAt(Date.now() + 2_000);
  await annotationRow(page, 'place', 'Lindmar').click();
  await expect.poll(() => flashSize(page)).toBe(1);
  await page.keyboard.press('Delete');
  await expect(annotationRow(page, 'place', 'Lindmar')).toHaveCount(0);
  await expect.poll(() => flashSize(page)).toBe(0);
  await page.clock.resume();
  await expect(exportButton).toBeDisabled();
});
