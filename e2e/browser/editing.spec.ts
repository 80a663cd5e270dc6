// Editing a span's boundaries (issue 9, item 6): with an annotation selected, Shift+Alt+arrows
// move its end (←/→) or its start (↑/↓) by a word, its end handles can be dragged with the
// mouse or moved with the arrow keys, 1-4 retag it when no text is selected. The span keeps
// its id, so its note (and its review thread) stay with it; every move is undoable, and the
// export shows the new offsets.
import { TAGS, type TagType } from '../../shared/model';
import { annotationRow, annotationRows, openDocument, waitSaved } from '../support/annotate-flow';
import { charBox, displayedText, docOffset, dragSelect, pickLine, type WordSpan } from '../support/article';
import { checkExportFile } from '../support/export-check';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { expect, test } from './fixtures';

const NOTE = 'Check against the ministry figure';

test('move a span’s ends by keyboard and by dragging its handles; the note stays; undo; retag with a number key', async ({ app }) => {
  const page = await app.launch(SAMPLE_CORPUS);
  const article = corpusFiles(SAMPLE_CORPUS)[0];
  if (!article) throw new Error('sample corpus is empty');
  await openDocument(page, article.title);
  const text = await displayedText(page);
  const { line, words } = pickLine(text, 12);
  const lineText = text.split('\n')[line] ?? '';
  const w = (i: number): WordSpan => {
    const word = words[i];
    if (!word) throw new Error(`line ${line} has no word ${i}`);
    return word;
  };
  const quote = (from: number, to: number) => lineText.slice(w(from).start, w(to).end);
  const label = (type: TagType) => TAGS.find((t) => t.type === type)?.label ?? type;
  const details = page.getByRole('region', { name: 'Selected annotation' });
  const expectSpan = async (type: TagType, from: number, to: number) => {
    await expect(annotationRow(page, type, quote(from, to))).toBeVisible();
    await expect(details).toContainText(quote(from, to));
    await expect(annotationRows(page)).toHaveCount(1);
  };

  // Tag words 2-4 as a claim and give it a note.
  await dragSelect(page, w(2), w(4));
  await page.keyboard.press('1');
  await expectSpan('claim', 2, 4);
  await details.getByRole('textbox', { name: 'Note' }).fill(NOTE);
  await details.getByRole('textbox', { name: 'Note' }).blur();
  await waitSaved(page);

  // Keys: Shift+Alt+→ moves the end a word later, Shift+Alt+↑ the start a word earlier.
  await annotationRow(page, 'claim', quote(2, 4)).click();
  await page.keyboard.press('Shift+Alt+ArrowRight');
  await expectSpan('claim', 2, 5);
  await page.keyboard.press('Shift+Alt+ArrowUp');
  await expectSpan('claim', 1, 5);
  await page.keyboard.press('Shift+Alt+ArrowDown');
  await expectSpan('claim', 2, 5);
  await page.keyboard.press('Shift+Alt+ArrowLeft');
  await expectSpan('claim', 2, 4);
  await page.keyboard.press('Shift+Alt+ArrowRight');
  await page.keyboard.press('Shift+Alt+ArrowRight');
  await expectSpan('claim', 2, 6);
  // Each move is one undoable edit.
  await page.keyboard.press('Control+z');
  await expectSpan('claim', 2, 5);
  await page.keyboard.press('Control+Shift+z');
  await expectSpan('claim', 2, 6);
  await expect(details.getByRole('textbox', { name: 'Note' })).toHaveValue(NOTE);

  // The mouse: drag the end handle onto word 8, then the start handle onto word 3.
  const endHandle = page.getByRole('slider', { name: 'End of the selected span' });
  const startHandle = page.getByRole('slider', { name: 'Start of the selected span' });
  const dragHandleTo = async (handle: typeof endHandle, word: WordSpan) => {
    await charBox(page, word.line, word.start); // scrolls it into view
    const from = await handle.boundingBox();
    if (!from) throw new Error('handle not shown');
    const target = await charBox(page, word.line, word.start + Math.floor((word.end - word.start) / 2));
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + target.x) / 2, target.y + target.height / 2, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
    await page.mouse.up();
  };
  await dragHandleTo(endHandle, w(8));
  await expectSpan('claim', 2, 8);
  await dragHandleTo(startHandle, w(3));
  await expectSpan('claim', 3, 8);
  await page.keyboard.press('Control+z');
  await expectSpan('claim', 2, 8);
  await page.keyboard.press('Control+Shift+z');
  await expectSpan('claim', 3, 8);

  // A focused handle moves its end with the arrow keys.
  await endHandle.focus();
  await page.keyboard.press('ArrowLeft');
  await expectSpan('claim', 3, 7);
  await page.keyboard.press('ArrowRight');
  await expectSpan('claim', 3, 8);

  // 2 with no text selected retags the selected annotation; with text selected, 3 tags the text.
  await page.keyboard.press('2');
  await expect(annotationRow(page, 'source', quote(3, 8))).toBeVisible();
  await expect(annotationRows(page)).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(annotationRow(page, 'claim', quote(3, 8))).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(annotationRow(page, 'source', quote(3, 8))).toBeVisible();
  await dragSelect(page, w(10), w(11));
  await page.keyboard.press('3');
  await expect(annotationRow(page, 'figure', quote(10, 11))).toBeVisible();
  await expect(annotationRow(page, 'source', quote(3, 8))).toBeVisible();
  await expect(annotationRows(page)).toHaveCount(2);
  await waitSaved(page);

  // The export: the same record (its note, created before the moves) at the new offsets.
  const file = checkExportFile(await app.exportAll());
  const doc = file.documents.find((d) => d.title === article.title);
  const moved = doc?.annotations.find((a) => a.type === 'source');
  if (!doc || !moved) throw new Error('the moved span is not in the export');
  const start = docOffset(text, line, w(3).start);
  const end = docOffset(text, line, w(8).end);
  const codepoints = (utf16: number) => Array.from(text.slice(0, utf16)).length;
  expect({ start: moved.start, end: moved.end, quote: moved.quote, note: moved.note }).toEqual({ start: codepoints(start), end: codepoints(end), quote: quote(3, 8), note: NOTE });
  expect(moved.prefix).toBe(text.slice(Math.max(0, start - 32), start));
  expect(moved.createdAt < moved.updatedAt).toBe(true);
  expect(doc.annotations.filter((a) => a.note === NOTE)).toHaveLength(1);
  expect(label(moved.type)).toBe('Source');
});
