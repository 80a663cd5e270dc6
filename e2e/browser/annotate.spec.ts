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
});
