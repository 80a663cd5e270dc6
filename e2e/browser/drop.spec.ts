// Item 3 (and "a dropped file opens"): files dropped onto the window. The overlay names what can be
// dropped; a colleague's .json export is imported (not refused as "only .txt and .md"); a dropped
// article is added and opened; a file of another kind is refused with a message that says what
// can be dropped instead.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { annotationRow, openDocument } from '../support/annotate-flow';
import { articleRegion, documentsRegion, dragOver, dropFiles, statusBar, writeCorpus } from '../support/daily';
import { AnalystSession, closeDialog, importCount, tagPhrases } from '../support/review';

const ARTICLE = 'Harbour closed after storm\n\nThe port authority said 40 fishing boats were damaged on Monday night.\n';
const DROPPED = 'Ferry service suspended\n\nThe ferry to Tarsk will not run until Friday, the operator said.\n';

test('dropping an export imports it; dropping an article opens it; the overlay says what can be dropped', async ({ page }, testInfo) => {
  const corpus = await writeCorpus({ 'harbour.txt': ARTICLE });
  const out = testInfo.outputPath();

  const ben = await AnalystSession.launch(page, 'Ben', corpus, out);
  await tagPhrases(page, 'Harbour closed', [{ phrase: '40 fishing boats', type: 'figure' }]);
  const bensExport = await ben.exportAll();
  await ben.stop();

  const ana = await AnalystSession.launch(page, 'Ana', corpus, out);
  await openDocument(page, 'Harbour closed');

  // The overlay while dragging names what can be dropped, exports included.
  const drag = await dragOver(page, [{ name: 'ben.json', content: readFileSync(bensExport, 'utf8'), type: 'application/json' }]);
  const overlay = page.locator('.drop-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay).toHaveText('Drop .txt and .md articles (files or folders) to open them, or a Marginalia .json export to import it');

  // Dropping the export imports it.
  await drag.drop();
  await expect(overlay).toHaveCount(0);
  const result = page.getByRole('dialog', { name: 'Import result' });
  await expect(result).toBeVisible();
  expect(await importCount(result, 'Annotations added')).toBe(1);
  await expect(statusBar(page)).not.toContainText('only .txt and .md');
  await closeDialog(result);
  await expect(annotationRow(page, 'figure', '40 fishing boats')).toBeVisible();

  // Dropping an article adds it and opens it.
  await dropFiles(page, [{ name: 'ferry.txt', content: DROPPED, type: 'text/plain' }]);
  await expect(documentsRegion(page)).toContainText('Ferry service suspended');
  await expect(articleRegion(page)).toContainText('The ferry to Tarsk will not run until Friday');
  await expect(documentsRegion(page).getByRole('button', { name: 'Ferry service suspended' })).toHaveAttribute('aria-current', 'true');

  // Dropping it again opens the copy already there rather than adding another.
  await openDocument(page, 'Harbour closed');
  await dropFiles(page, [{ name: 'ferry-again.txt', content: DROPPED, type: 'text/plain' }]);
  await expect(articleRegion(page)).toContainText('The ferry to Tarsk will not run until Friday');
  await expect(documentsRegion(page).locator('.document-title', { hasText: 'Ferry service suspended' })).toHaveCount(1);

  // Anything else is refused, saying what can be dropped.
  await dropFiles(page, [{ name: 'report.pdf', content: '%PDF-1.7', type: 'application/pdf' }]);
  await expect(statusBar(page)).toHaveText('Nothing to open here: drop .txt and .md articles (files or folders) to open them, or a Marginalia .json export to import it.');
  await ana.stop();
});
