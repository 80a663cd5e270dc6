// Help (issue 9, item 8): `?` opens the keyboard shortcut sheet, which lists every key of the
// shortcut table the handlers use; Undo and Redo have buttons; the first run shows a short tour
// of tagging, reviewing and exporting once, and remembers that it was dismissed.
import { SHORTCUTS, type KeyChord, chordKeys } from '../../renderer/src/help/shortcuts';
import { annotationRow, annotationRows, openDocument } from '../support/annotate-flow';
import { displayedText, dragSelect, pickLine } from '../support/article';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { expect, test } from './fixtures';

test('? opens the keyboard shortcut sheet with every key; not while typing', async ({ app }) => {
  const page = await app.launch(SAMPLE_CORPUS);
  const article = corpusFiles(SAMPLE_CORPUS)[0];
  if (!article) throw new Error('sample corpus is empty');
  await openDocument(page, article.title);
  await page.getByRole('region', { name: 'Article text' }).click({ position: { x: 16, y: 4 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const rows = sheet.getByRole('row');
  await expect(rows).toHaveCount(SHORTCUTS.length);
  for (const shortcut of SHORTCUTS) {
    const row = rows.filter({ has: page.getByRole('cell', { name: shortcut.action, exact: true }) });
    await expect(row, shortcut.id).toHaveCount(1);
    for (const chord of shortcut.chords as readonly KeyChord[]) {
      for (const key of chordKeys(chord, false)) await expect(row.getByText(key, { exact: true }).first(), `${shortcut.id}: ${key}`).toBeVisible();
    }
  }
  // The keys that edit a span's ends are there by name.
  await expect(rows.filter({ has: page.getByRole('cell', { name: 'Move the end of the selected annotation one word later' }) })).toContainText('Shift+Alt+→');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // The toolbar button opens it too, and Close closes it.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();

  // Typing ? in a note types it.
  const text = await displayedText(page);
  const { words } = pickLine(text, 6);
  const [from, to] = [words[1], words[2]];
  if (!from || !to) throw new Error('line too short');
  await dragSelect(page, from, to);
  await page.keyboard.press('1');
  const note = page.getByRole('region', { name: 'Selected annotation' }).getByRole('textbox', { name: 'Note' });
  await note.click();
  await page.keyboard.type('Why?');
  await expect(note).toHaveValue('Why?');
  await expect(sheet).toBeHidden();
});

test('Undo and Redo buttons undo and redo tagging, retagging and deleting', async ({ app }) => {
  const page = await app.launch(SAMPLE_CORPUS);
  const article = corpusFiles(SAMPLE_CORPUS)[0];
  if (!article) throw new Error('sample corpus is empty');
  await openDocument(page, article.title);
  const text = await displayedText(page);
  const { line, words } = pickLine(text, 8);
  const [from, to] = [words[2], words[4]];
  if (!from || !to) throw new Error('line too short');
  const quote = (text.split('\n')[line] ?? '').slice(from.start, to.end);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });

  await dragSelect(page, from, to);
  await page.keyboard.press('3');
  await expect(annotationRow(page, 'figure', quote)).toBeVisible();
  await undo.click();
  await expect(annotationRows(page)).toHaveCount(0);
  await redo.click();
  await expect(annotationRow(page, 'figure', quote)).toBeVisible();

  const details = page.getByRole('region', { name: 'Selected annotation' });
  await details.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Place' });
  await expect(annotationRow(page, 'place', quote)).toBeVisible();
  await undo.click();
  await expect(annotationRow(page, 'figure', quote)).toBeVisible();
  await redo.click();
  await expect(annotationRow(page, 'place', quote)).toBeVisible();

  await annotationRow(page, 'place', quote).click();
  await page.keyboard.press('Delete');
  await expect(annotationRows(page)).toHaveCount(0);
  await undo.click();
  await expect(annotationRow(page, 'place', quote)).toBeVisible();
  await redo.click();
  await expect(annotationRows(page)).toHaveCount(0);
  // Nothing left to redo: the button says so rather than doing anything.
  await redo.click();
  await expect(page.getByText('Nothing to redo.')).toBeVisible();
});

test('the first-run tour: tag, review, export; shown once, dismissed for good', async ({ app }) => {
  const page = await app.launch(SAMPLE_CORPUS);
  const tour = page.getByRole('region', { name: 'Tour' });
  await expect(tour).toBeVisible();
  await expect(tour).toContainText('step 1 of 3');
  await expect(tour.getByRole('heading')).toHaveText('Tag');
  await tour.getByRole('button', { name: 'Next step' }).click();
  await expect(tour.getByRole('heading')).toHaveText('Review');
  await tour.getByRole('button', { name: 'Previous step' }).click();
  await expect(tour.getByRole('heading')).toHaveText('Tag');
  await tour.getByRole('button', { name: 'Next step' }).click();
  await tour.getByRole('button', { name: 'Next step' }).click();
  await expect(tour.getByRole('heading')).toHaveText('Export');
  await expect(tour).toContainText('step 3 of 3');
  // While it shows, the app works as usual: it is part of the page, not a dialog over it.
  await expect(page.getByRole('button', { name: 'Claim', exact: true })).toBeEnabled();
  await tour.getByRole('button', { name: 'Finish tour' }).click();
  await expect(tour).toBeHidden();

  // Remembered: not after a reload, nor after a restart of the host.
  await app.reload();
  await expect(page.getByRole('region', { name: 'Documents' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Claim', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tour' })).toHaveCount(0);
  await app.restart();
  const restarted = app.page();
  await expect(restarted.getByRole('button', { name: 'Claim', exact: true })).toBeVisible();
  await expect(restarted.getByText('Annotating as Ana')).toBeVisible();
  await expect(restarted.getByRole('region', { name: 'Tour' })).toHaveCount(0);
});

test('Skip tour dismisses it at once', async ({ app }) => {
  const page = await app.launch(SAMPLE_CORPUS, 'Ben');
  const tour = page.getByRole('region', { name: 'Tour' });
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toBeHidden();
  await app.reload();
  await expect(page.getByText('Annotating as Ben')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tour' })).toHaveCount(0);
});
