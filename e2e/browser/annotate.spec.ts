import { resolve } from 'node:path';
import { runAnnotateFlow } from '../support/annotate-flow';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';
import { expect, test } from './fixtures';

test('sample corpus: tag by mouse and keyboard, overlap, retag, note, delete, undo/redo, restart, export', async ({ app }) => {
  const page = await app.launch(SAMPLE_CORPUS);
  const files = corpusFiles(SAMPLE_CORPUS);
  const documents = page.getByRole('region', { name: 'Documents' });
  for (const file of files) await expect(documents).toContainText(file.title.slice(0, 30));
  const first = files[0];
  if (!first) throw new Error('sample corpus is empty');
  await runAnnotateFlow(app, first.title);

  // The README's screenshot comes from this run: real UI, real annotations.
  await app.page().getByRole('region', { name: 'Annotations' }).getByRole('button').first().click();
  await app.page().screenshot({ path: resolve(import.meta.dirname, '../../assets/screenshot.png') });
});
