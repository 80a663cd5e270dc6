import { annotationRows, openDocument } from '../support/annotate-flow';
import { articleEditor, clickChar, displayedText, pickLine } from '../support/article';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { expect, test } from './fixtures';

test('typing, paste, cut, Backspace, Delete and Enter never change the article text', async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await app.launch(SAMPLE_CORPUS);
  const file = corpusFiles(SAMPLE_CORPUS)[0];
  if (!file) throw new Error('sample corpus is empty');
  await openDocument(page, file.title);
  const before = await displayedText(page);
  expect(before).toBe(file.text);
  const { line, words } = pickLine(before, 6);
  const word = words[2];
  if (!word) throw new Error('line too short');

  await clickChar(page, line, word.start + 1);
  await page.keyboard.type('xyz typed text');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await clickChar(page, line, word.start + 1);
  await page.evaluate(() => navigator.clipboard.writeText('PASTED'));
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+x');
  await page.keyboard.press('Backspace');
  // an IME-style insertion straight into the DOM: the safety net must restore the text
  await articleEditor(page).evaluate((root) => {
    const textNode = document.createTreeWalker(root, NodeFilter.SHOW_TEXT).nextNode();
    if (textNode) textNode.textContent = `${textNode.textContent ?? ''}INJECTED`;
  });

  await expect.poll(() => displayedText(page)).toBe(before);
  await expect(annotationRows(page)).toHaveCount(0);
});
