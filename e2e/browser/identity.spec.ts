// Issue 9, item 5: identity. A colleague on another machine who typed my name ("Ana") imports as a
// layer of their own, and the Import result says so; their tag is not editable as mine. Work
// from a 1.1 file, which names authors only, is a name-based layer: "This is me" makes it mine.
// Settings: a new display name keeps my analyst id and my layer.
import { join } from 'node:path';
import { type Page, test } from '@playwright/test';
import { annotationRow, annotationRows, waitSaved } from '../support/annotate-flow';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { checkExportFile } from '../support/export-check';
import { AnalystSession, closeDialog, importFile, layers, tagPhrases } from '../support/review';
import { expect } from './fixtures';

const CLAIM = 'a breach roughly 60 metres wide in the Veshnaya reservoir dam';

/** Exports every document in format 1.1 through the Export dialog. */
async function exportV11(page: Page, name: string, outputDir: string): Promise<string> {
  await waitSaved(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export annotations' });
  await dialog.getByRole('radio', { name: 'All documents' }).check();
  await dialog.getByRole('radio', { name: '1.1 (for older Marginalia)' }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export file' }).click();
  const path = join(outputDir, `${name}-1.1.json`);
  await (await downloading).saveAs(path);
  return path;
}

function details(page: Page) {
  return page.getByRole('region', { name: 'Selected annotation' });
}

test('a colleague named like me stays a separate layer; a name-only layer can be claimed; renaming keeps my id', async ({ page }, testInfo) => {
  const article = corpusFiles(SAMPLE_CORPUS).find((f) => f.text.includes(CLAIM));
  if (!article) throw new Error('sample article missing');
  const out = testInfo.outputPath();

  // Another Ana, on another machine: format 2 (with her own analyst id).
  const colleague = await AnalystSession.launch(page, 'Ana', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, [{ phrase: 'Lesnaya Polyana', type: 'place' }]);
  const colleagueFile = await colleague.exportAll();
  await colleague.stop();
  // An older Marginalia of someone called Ana, exported as 1.1 (names only).
  const older = await AnalystSession.launch(page, 'Ana', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, [{ phrase: 'Irina Volkova', type: 'source' }]);
  const olderFile = await exportV11(page, 'older-ana', out);
  await older.stop();

  // Me.
  const me = await AnalystSession.launch(page, 'Ana', SAMPLE_CORPUS, out);
  await tagPhrases(page, article.title, [{ phrase: CLAIM, type: 'claim' }]);

  const first = await importFile(page, colleagueFile);
  const clash = first.getByRole('region', { name: 'Same name, not you' });
  await expect(clash).toContainText(/Ana \(from .+\.json\) is not you \(another analyst id\): kept as a separate layer/);
  await expect(clash.getByRole('button', { name: 'This is me' })).toHaveCount(0);
  await closeDialog(first);
  // Two layers called Ana: mine (you) and hers.
  await expect(layers(page).getByRole('checkbox')).toHaveCount(2);
  await expect(layers(page).locator('.layer-item').filter({ hasText: '(you)' })).toHaveCount(1);
  // Her tag is hers: reviewable, not editable as mine.
  await annotationRow(page, 'place', 'Lesnaya Polyana').click();
  await expect(details(page).getByRole('button', { name: 'Delete annotation' })).toHaveCount(0);
  await expect(details(page).getByRole('combobox', { name: 'Tag' })).toBeDisabled();

  // The 1.1 file: "Ana" by name only. Claim it.
  const second = await importFile(page, olderFile);
  const legacy = second.getByRole('region', { name: 'Same name, not you' });
  await expect(legacy).toContainText('is not you (an older export names authors only): kept as a separate layer');
  await expect(layers(page).getByRole('checkbox')).toHaveCount(3); // me, the other Ana, "Ana" by name
  await legacy.getByRole('button', { name: 'This is me' }).click();
  await expect(legacy.getByRole('status')).toHaveText('1 annotation of “Ana” is now yours.');
  await closeDialog(second);
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('is now your layer');
  await annotationRow(page, 'source', 'Irina Volkova').click();
  await expect(details(page).getByRole('button', { name: 'Delete annotation' })).toBeVisible();
  await expect(details(page).getByRole('combobox', { name: 'Tag' })).toBeEnabled();
  await expect(layers(page).getByRole('checkbox')).toHaveCount(2); // the name-only layer is gone

  // Settings: a new display name, the same id.
  await page.getByRole('button', { name: 'Settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const id = await settings.getByLabel('Analyst id').innerText();
  expect(id).toMatch(/^[A-Za-z0-9-]{8,}$/);
  await expect(settings.getByRole('region', { name: 'Layers known by name only' })).toContainText('None');
  await settings.getByRole('textbox', { name: 'Your name' }).fill('Ana Petrova');
  await settings.getByRole('button', { name: 'Save name' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved: you annotate as Ana Petrova.');
  await expect(settings.getByLabel('Analyst id')).toHaveText(id);
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText('Annotating as Ana Petrova')).toBeVisible();
  await expect(layers(page).locator('.layer-item').filter({ hasText: '(you)' })).toContainText('Ana Petrova');
  await tagPhrases(page, article.title, [{ phrase: 'Open Imagery Collective', type: 'source' }]);
  await expect(annotationRow(page, 'source', 'Open Imagery Collective')).toHaveAccessibleName(/— Ana Petrova$/);
  await expect(annotationRows(page)).toHaveCount(4);

  // The export: my three spans under one creator id (the colleague's under hers).
  const exported = checkExportFile(await me.exportAll());
  const spans = exported.documents.flatMap((d) => d.annotations) as unknown as { quote: string; creator: { id: string; name: string } }[];
  const mine = spans.filter((s) => s.creator.id === id).map((s) => s.quote).sort();
  expect(mine).toEqual([CLAIM, 'Irina Volkova', 'Open Imagery Collective'].sort());
  const hers = spans.find((s) => s.quote === 'Lesnaya Polyana');
  expect(hers?.creator.name).toBe('Ana');
  expect(hers?.creator.id).not.toBe(id);
  await me.stop();
});
