// The core loop, driven through the real UI: tag by mouse and keyboard, overlap, retag,
// note, delete, undo/redo, reload, restart, export. Shared by the browser and Electron projects.
import { expect, type Page } from '@playwright/test';
import { TAGS, type TagType } from '../../shared/model';
import { checkExportFile } from './export-check';
import { clickChar, displayedText, dragSelect, keyboardSelect, pickLine, type WordSpan } from './article';

export interface FlowHost {
  page(): Page;
  /** Reload the page (same host process). */
  reload(): Promise<void>;
  /** Stop and start the host on the same data dir; the page is replaced. */
  restart(): Promise<void>;
  /** Export everything through the Export dialog and return the path of the file written. */
  exportAll(): Promise<string>;
}

const label = (type: TagType): string => TAGS.find((t) => t.type === type)?.label ?? type;

export async function enterAnalystName(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Welcome to Marginalia' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
  await dialog.getByRole('button', { name: 'Start annotating' }).click();
  await expect(dialog).toBeHidden();
  // The first-run tour follows and moves the article down: wait for it, so that later
  // selections are not measured before the shift and dragged after it.
  await expect(page.getByRole('region', { name: 'Tour' })).toBeVisible();
}

export async function openDocument(page: Page, title: string): Promise<void> {
  const documents = page.getByRole('region', { name: 'Documents' });
  await documents.getByRole('button', { name: title.slice(0, 40) }).first().click();
  await expect(page.getByRole('region', { name: 'Article text' })).toContainText(title.slice(0, 20));
}

export function annotationRows(page: Page) {
  return page.getByRole('region', { name: 'Annotations' }).getByRole('button');
}

export function annotationRow(page: Page, type: TagType, quote: string) {
  return page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: `${label(type)}: ${quote.slice(0, 40)}` });
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');
}

function span(text: string, from: WordSpan, to: WordSpan): string {
  return text.split('\n')[from.line]?.slice(from.start, to.end) ?? '';
}

export async function runAnnotateFlow(host: FlowHost, docTitle: string): Promise<void> {
  let page = host.page();
  await openDocument(page, docTitle);
  const text = await displayedText(page);
  const lineA = pickLine(text, 12);
  const w = lineA.words;
  const lineText = text.split('\n')[lineA.line] ?? '';
  const word = (i: number): WordSpan => {
    const found = w[i];
    if (!found) throw new Error(`line ${lineA.line} has no word ${i}`);
    return found;
  };
  const [w1, w3, w5, w8, w9] = [word(1), word(3), word(5), word(8), word(9)];
  const claimQuote = span(text, w1, w3);
  const sourceQuote = span(text, w3, w5);
  const placeQuote = span(text, w8, w9);

  // 1. mouse drag + number key
  await dragSelect(page, w1, w3);
  await page.keyboard.press('1');
  await expect(annotationRow(page, 'claim', claimQuote)).toBeVisible();

  // 2. overlapping span by mouse + tag button
  await dragSelect(page, w3, w5);
  await page.getByRole('button', { name: 'Source', exact: true }).click();
  await expect(annotationRow(page, 'source', sourceQuote)).toBeVisible();

  // 3. keyboard-only selection + number key
  await keyboardSelect(page, lineText, w8, w9);
  await page.keyboard.press('4');
  await expect(annotationRow(page, 'place', placeQuote)).toBeVisible();
  await expect(annotationRows(page)).toHaveCount(3);

  // 4. clicking the overlap offers both annotations
  await clickChar(page, w3.line, w3.start + Math.floor((w3.end - w3.start) / 2));
  const chooser = page.getByRole('menu', { name: 'Choose annotation' });
  await expect(chooser.getByRole('menuitem')).toHaveCount(2);
  await chooser.getByRole('menuitem', { name: `Source: ${sourceQuote.slice(0, 30)}` }).click();
  const details = page.getByRole('region', { name: 'Selected annotation' });
  await expect(details).toContainText(sourceQuote);
  await expect(details).toContainText('Ana');

  // 5. retag, undo and redo the retag
  await details.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Figure' });
  await expect(annotationRow(page, 'figure', sourceQuote)).toBeVisible();
  await page.getByRole('region', { name: 'Article text' }).click({ position: { x: 16, y: 2 } });
  await page.keyboard.press('Control+z');
  await expect(annotationRow(page, 'source', sourceQuote)).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(annotationRow(page, 'figure', sourceQuote)).toBeVisible();

  // 6. note
  await annotationRow(page, 'figure', sourceQuote).click();
  const note = details.getByRole('textbox', { name: 'Note' });
  await note.fill('Compare with the ministry figure');
  await note.blur();
  await waitSaved(page);

  // 7. delete with the Delete key, undo, redo, undo
  await annotationRow(page, 'place', placeQuote).click();
  await page.keyboard.press('Delete');
  await expect(annotationRow(page, 'place', placeQuote)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(annotationRow(page, 'place', placeQuote)).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(annotationRow(page, 'place', placeQuote)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(annotationRow(page, 'place', placeQuote)).toBeVisible();
  await waitSaved(page);

  const expectState = async (p: Page): Promise<void> => {
    await openDocument(p, docTitle);
    await expect(annotationRows(p)).toHaveCount(3);
    await expect(annotationRow(p, 'claim', claimQuote)).toBeVisible();
    await expect(annotationRow(p, 'figure', sourceQuote)).toBeVisible();
    await expect(annotationRow(p, 'place', placeQuote)).toBeVisible();
  };

  // 8. reload the page, then restart the host: everything is still there
  await host.reload();
  await expectState(host.page());
  await host.restart();
  page = host.page();
  await expectState(page);
  await expect(await displayedText(page)).toBe(text);

  // 9. export and check it like a consumer would
  const file = checkExportFile(await host.exportAll());
  const doc = file.documents.find((d) => d.title.startsWith(docTitle.slice(0, 20)));
  expect(doc, 'the annotated document is in the export').toBeDefined();
  const byType = new Map(doc?.annotations.map((a) => [a.type, a]));
  expect(byType.get('claim')?.quote).toBe(claimQuote);
  expect(byType.get('figure')?.quote).toBe(sourceQuote);
  expect(byType.get('figure')?.note).toBe('Compare with the ministry figure');
  expect(byType.get('place')?.quote).toBe(placeQuote);
  expect(doc?.annotations.every((a) => a.author === 'Ana')).toBe(true);
  expect(file.exportedBy).toBe('Ana');
}
