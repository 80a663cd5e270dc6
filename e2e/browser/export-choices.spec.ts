// Item 10, export choices, through the real dialog and the files it downloads: only my layer as
// CSV (one row per span: document, offsets in code points, quote, tag, author, note), read back by
// a CSV consumer and sliced against the article; chosen analysts' layers as JSON; the dialog
// remembering the last choice (across a restart); and no export when the choice holds nothing.
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { normalizeText } from '../../shared/text';
import { annotationRow, waitSaved } from '../support/annotate-flow';
import { readCsv, writeCorpus } from '../support/daily';
import { checkExportFile } from '../support/export-check';
import { AnalystSession, closeDialog, importFile, tagPhrases } from '../support/review';

// An emoji before the spans: code point offsets differ from the UTF-16 ones inside the app.
const TEXT = 'Port strike 📍 Belomor, "day two"\n\n📍 Dock workers said at least 300, maybe 400 joined the strike, the union said on Monday.\n';
const OTHER = 'Quiet day in Tarsk\n\nNothing was reported from the border crossing.\n';
const NOTE = 'Union figure, "300" vs "400";\nsecond line';

function exportDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Export annotations' });
}

async function openExport(page: Page): Promise<Locator> {
  await waitSaved(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return exportDialog(page);
}

async function download(page: Page, dialog: Locator, dir: string, name: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export file' }).click();
  const file = await downloading;
  const path = join(dir, `${name}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  await expect(dialog).toBeHidden();
  return path;
}

test('export only my layer as CSV, or chosen analysts’ layers as JSON; the dialog remembers the last choice', async ({ page }, testInfo) => {
  const corpus = await writeCorpus({ 'port.txt': TEXT, 'quiet.txt': OTHER });
  const out = testInfo.outputPath();
  const text = normalizeText(TEXT);

  const ben = await AnalystSession.launch(page, 'Ben', corpus, out);
  await tagPhrases(page, 'Port strike', [{ phrase: 'Dock workers', type: 'source' }]);
  const bensExport = await ben.exportAll();
  await ben.stop();

  const ana = await AnalystSession.launch(page, 'Ana', corpus, out);
  await tagPhrases(page, 'Port strike', [
    { phrase: 'at least 300, maybe 400', type: 'figure' },
    { phrase: 'Belomor', type: 'place' },
  ]);
  await annotationRow(page, 'figure', 'at least 300, maybe 400').click();
  const note = page.getByRole('region', { name: 'Selected annotation' }).getByRole('textbox', { name: 'Note' });
  await note.fill(NOTE);
  await note.blur();
  await waitSaved(page);
  await closeDialog(await importFile(page, bensExport));

  // Only my layer, as CSV, for all documents.
  let dialog = await openExport(page);
  await dialog.getByRole('radio', { name: 'All documents' }).check();
  await dialog.getByRole('radio', { name: 'Only mine (Ana)' }).check();
  await dialog.getByRole('radio', { name: /^CSV/ }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Include article text' })).toBeDisabled();
  await expect(dialog.getByRole('status')).toHaveText('2 annotations to export.');
  const csvPath = await download(page, dialog, out, 'mine');
  expect(csvPath).toMatch(/marginalia-all-documents-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = readCsv(csvPath);
  expect(rows.map((r) => [r.tag, r.quote, r.author])).toEqual([
    ['place', 'Belomor', 'Ana'],
    ['figure', 'at least 300, maybe 400', 'Ana'],
  ]);
  for (const row of rows) {
    expect(row.document_title).toBe('Port strike 📍 Belomor, "day two"');
    expect(row.file_name).toBe('port.txt');
    // Code points, as in the JSON export: what Python's text[start:end] slices.
    expect([...text].slice(Number(row.start), Number(row.end)).join('')).toBe(row.quote);
  }
  expect(rows[1]?.note).toBe(NOTE);
  expect(Number(rows[1]?.start)).toBe(text.indexOf('at least') - 2); // two emoji before it, two UTF-16 units each

  // The dialog offers the same choice again, also after a restart.
  dialog = await openExport(page);
  await expect(dialog.getByRole('radio', { name: 'All documents' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Only mine (Ana)' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^CSV/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await ana.restart();
  dialog = await openExport(page);
  await expect(dialog.getByRole('radio', { name: 'Only mine (Ana)' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^CSV/ })).toBeChecked();

  // Chosen analysts: none chosen is nothing to export; Ben alone, as JSON version 2.
  await dialog.getByRole('radio', { name: 'Chosen analysts' }).check();
  const chosen = dialog.getByRole('group', { name: 'Analysts to export' });
  await chosen.getByRole('checkbox', { name: 'Ben' }).uncheck();
  await expect(chosen.getByRole('checkbox', { name: 'Ana (me)' })).not.toBeChecked();
  await expect(dialog.getByRole('status')).toHaveText('Nothing to export: choose at least one analyst.');
  await expect(dialog.getByRole('button', { name: 'Export file' })).toBeDisabled();
  await chosen.getByRole('checkbox', { name: 'Ben' }).check();
  await dialog.getByRole('radio', { name: '2 (current)' }).check();
  await dialog.getByRole('checkbox', { name: 'Include article text' }).check();
  const bens = checkExportFile(await download(page, dialog, out, 'ben'));
  expect(bens.documents.flatMap((d) => d.annotations.map((a) => [a.author, a.quote]))).toEqual([['Ben', 'Dock workers']]);

  // The current document, when it has nothing in the chosen layers, cannot be exported either.
  dialog = await openExport(page);
  await expect(dialog.getByRole('radio', { name: 'Chosen analysts' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: '2 (current)' })).toBeChecked();
  await page.getByRole('dialog', { name: 'Export annotations' }).getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Quiet day in Tarsk' }).click();
  dialog = await openExport(page);
  await dialog.getByRole('radio', { name: 'Current document' }).check();
  await expect(dialog.getByRole('status')).toHaveText('Nothing to export: this document has no annotations in the chosen layers.');
  await expect(dialog.getByRole('button', { name: 'Export file' })).toBeDisabled();
  await ana.stop();
});
