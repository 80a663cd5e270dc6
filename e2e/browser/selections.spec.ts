// Selections (issue 9, item 13): word snapping drops the punctuation around the words (", Kursk"
// is "Kursk") and keeps what belongs to them ("U.S.", "1,200"); a selection across paragraphs
// asks first; the "Select some text…" hint clears after the next successful tag.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { TagType } from '../../shared/model';
import { annotationRow, annotationRows, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, type WordSpan } from '../support/article';
import { checkExportFile } from '../support/export-check';
import { expect, test } from './fixtures';

const TITLE = 'Selection test: punctuation around words';
// Written by the test: NBSPs, curly quotes, brackets, dashes and abbreviations next to words.
const ARTICLE = [
  TITLE,
  '',
  'Troops were seen near Sumy, Kursk and Belgorod\u00a0— officials said on “Monday”.',
  'The agency (HUR) said at least 1,200 soldiers crossed, according to the U.S. embassy.',
  '',
  'A second paragraph begins here and goes on for a while.',
].join('\n');

/** A character range [start, end) of one line, as the drag helper takes it. */
function charsOf(text: string, lineText: string, selected: string, line: number): WordSpan {
  const start = lineText.indexOf(selected);
  if (start === -1) throw new Error(`not in line ${line}: ${selected}`);
  return { line, start, end: start + selected.length, text: selected };
}

/** Drags the real mouse over exactly `selected` (from its first to its last character) in `line`. */
async function dragOver(page: Page, text: string, line: number, selected: string): Promise<void> {
  const lineText = text.split('\n')[line] ?? '';
  const span = charsOf(text, lineText, selected, line);
  const first = { ...span, end: span.start + 1 };
  const last = { ...span, start: span.end - 1 };
  await dragSelect(page, first, last);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe(selected);
}

async function tagAs(page: Page, key: string, type: TagType, quote: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(annotationRow(page, type, quote)).toBeVisible();
}

test('word snapping drops surrounding punctuation and keeps inner punctuation', async ({ app }) => {
  const corpus = await mkdtemp(join(tmpdir(), 'marginalia-selections-'));
  await writeFile(join(corpus, 'selections.txt'), ARTICLE);
  const page = await app.launch(corpus);
  await openDocument(page, TITLE);
  const text = await displayedText(page);
  expect(text).toBe(ARTICLE);

  await dragOver(page, text, 2, ', Kursk');
  await tagAs(page, '4', 'place', 'Kursk');
  await dragOver(page, text, 2, 'Belgorod\u00a0—');
  await tagAs(page, '4', 'place', 'Belgorod');
  await dragOver(page, text, 2, '“Monday”.');
  await tagAs(page, '3', 'figure', 'Monday');
  await dragOver(page, text, 3, '(HUR)');
  await tagAs(page, '2', 'source', 'HUR');
  await dragOver(page, text, 3, 'at least 1,200 soldiers crossed,');
  await tagAs(page, '3', 'figure', 'at least 1,200 soldiers crossed');
  await dragOver(page, text, 3, 'the U.S.');
  await tagAs(page, '2', 'source', 'the U.S.');
  await expect(annotationRows(page)).toHaveCount(6);
  await waitSaved(page);

  const file = checkExportFile(await app.exportAll());
  const quotes = file.documents.find((d) => d.title === TITLE)?.annotations.map((a) => a.quote);
  expect(quotes?.sort()).toEqual(['Belgorod', 'HUR', 'Kursk', 'Monday', 'at least 1,200 soldiers crossed', 'the U.S.'].sort());
});

test('a selection across paragraphs asks first; the hint clears after the next tag', async ({ app }) => {
  const corpus = await mkdtemp(join(tmpdir(), 'marginalia-selections-'));
  await writeFile(join(corpus, 'selections.txt'), ARTICLE);
  const page = await app.launch(corpus);
  await openDocument(page, TITLE);
  const text = await displayedText(page);
  const lines = text.split('\n');

  // Nothing selected: the hint.
  const hint = page.getByText('Select some text in the article first, then choose a tag.');
  await page.getByRole('region', { name: 'Article text' }).click({ position: { x: 16, y: 4 } });
  await page.keyboard.press('1');
  await expect(hint).toBeVisible();
  // A tag by the toolbar button, then by key: the hint is gone after the first.
  await dragOver(page, text, 2, 'Troops were seen');
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(annotationRow(page, 'claim', 'Troops were seen')).toBeVisible();
  await expect(hint).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('2');
  await expect(hint).toBeVisible();
  await dragOver(page, text, 3, 'The agency');
  await tagAs(page, '2', 'source', 'The agency');
  await expect(hint).toHaveCount(0);

  // From the second line to the next paragraph (past a blank line): the app asks.
  const from = charsOf(text, lines[3] ?? '', 'embassy', 3);
  const to = charsOf(text, lines[5] ?? '', 'paragraph', 5);
  const across = async () => {
    await dragSelect(page, { ...from, end: from.start + 1 }, { ...to, start: to.end - 1 });
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toContain('paragraph');
    await page.keyboard.press('1');
  };
  await across();
  const dialog = page.getByRole('dialog', { name: 'Span across paragraphs?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('2 paragraphs');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(annotationRows(page)).toHaveCount(2);

  await across();
  await dialog.getByRole('button', { name: 'Tag as claim' }).click();
  await expect(dialog).toBeHidden();
  await expect(annotationRows(page)).toHaveCount(3);
  // Announced like any other tag.
  await expect(page.getByRole('status', { name: 'Announcements' })).toContainText('Claim added: embassy.');
  await waitSaved(page);
  const file = checkExportFile(await app.exportAll());
  const quotes = file.documents.find((d) => d.title === TITLE)?.annotations.map((a) => a.quote) ?? [];
  expect(quotes).toContain('embassy.\n\nA second paragraph');
});
