import { runAnnotateFlow, annotationRow, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, pickLine } from '../support/article';
import { checkExportFile } from '../support/export-check';
import { corpusFiles, SHARED_CORPUS, sharedCorpusSkipReason } from '../support/corpus';
import { expect, test } from './fixtures';

const missingCorpus = sharedCorpusSkipReason('shared-corpus.spec.ts');
test.skip(missingCorpus !== null, missingCorpus ?? '');

test('real articles: the full flow on the first article', async ({ app }) => {
  await app.launch(SHARED_CORPUS);
  const first = corpusFiles(SHARED_CORPUS)[0];
  if (!first) throw new Error('shared corpus is empty');
  await runAnnotateFlow(app, first.title);
});

test('real articles: every article tags and exports with exact quotes (NBSP, curly quotes)', async ({ app }) => {
  const page = await app.launch(SHARED_CORPUS);
  const files = corpusFiles(SHARED_CORPUS);
  const tagged: string[] = [];
  for (const file of files) {
    await openDocument(page, file.title);
    const text = await displayedText(page);
    expect(text, `${file.fileName} is shown exactly as normalized`).toBe(file.text);
    const { words } = pickLine(text, 6, 1);
    const [from, to] = [words[2], words[4]];
    if (!from || !to) throw new Error('line too short');
    const quote = (text.split('\n')[from.line] ?? '').slice(from.start, to.end);
    await dragSelect(page, from, to);
    await page.keyboard.press('3');
    await expect(annotationRow(page, 'figure', quote)).toBeVisible();
    tagged.push(quote);
  }
  await waitSaved(page);
  const exported = checkExportFile(await app.exportAll());
  const quotes = exported.documents.flatMap((d) => d.annotations.map((a) => a.quote));
  expect(quotes.sort()).toEqual([...tagged].sort());
});
