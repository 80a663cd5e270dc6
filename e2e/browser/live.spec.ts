// Two windows on one data dir follow each other live, without reload: a tag, a note, a delete
// and a review decision made in one appear in the other (the change feed, pushed as events).
import type { Page } from '@playwright/test';
import type { CorpusStatus, DocumentContent } from '../../shared/api';
import { annotationRow, openDocument, waitSaved } from '../support/annotate-flow';
import { dragSelect, findPhrase, displayedText } from '../support/article';
import { SAMPLE_CORPUS } from '../support/corpus';
import { hostApi } from '../support/web-host';
import { expect, test } from './fixtures';

const TITLE = 'Satellite images show breach';

async function tag(page: Page, phrase: string, key: '1' | '2' | '3' | '4'): Promise<void> {
  const { from, to } = findPhrase(await displayedText(page), phrase);
  await dragSelect(page, from, to);
  await page.keyboard.press(key);
}

/** A colleague's 1.1 export of one span on the sample article, as the previous version wrote them. */
function bensExport(doc: DocumentContent): string {
  const quote = 'Open Imagery Collective';
  const start = doc.text.indexOf(quote);
  const cp = (utf16: number) => [...doc.text.slice(0, utf16)].length;
  const at = '2026-11-20T09:00:00.000Z';
  return JSON.stringify({
    format: 'marginalia/annotations',
    version: 1.1,
    offsetUnit: 'codepoint',
    exportedAt: at,
    exportedBy: 'Ben',
    documents: [
      {
        id: doc.id,
        title: doc.title,
        fileName: doc.fileName,
        length: [...doc.text].length,
        annotations: [
          {
            id: 'ben-source',
            type: 'source',
            start: cp(start),
            end: cp(start + quote.length),
            quote,
            prefix: [...doc.text.slice(0, start)].slice(-32).join(''),
            suffix: [...doc.text.slice(start + quote.length)].slice(0, 32).join(''),
            note: '',
            author: 'Ben',
            createdAt: at,
            updatedAt: at,
          },
        ],
      },
    ],
  });
}

test('two windows follow each other live: tag, note, delete and review appear without reload', async ({ app, context }) => {
  const page1 = await app.launch(SAMPLE_CORPUS);
  await openDocument(page1, TITLE);
  const page2 = await context.newPage();
  await page2.goto(app.host().url);
  await openDocument(page2, TITLE);
  const started = Date.now();

  // A tag made in window 1 appears in window 2.
  await tag(page1, 'Irina Volkova', '2');
  await waitSaved(page1);
  await expect(annotationRow(page2, 'source', 'Irina Volkova')).toBeVisible();
  console.log(`[live] a tag reached the other window ${Date.now() - started} ms after the key press (includes the drag)`);

  // A note: window 2 shows it on the selected annotation.
  await annotationRow(page2, 'source', 'Irina Volkova').click();
  await annotationRow(page1, 'source', 'Irina Volkova').click();
  const note1 = page1.getByRole('region', { name: 'Selected annotation' }).getByRole('textbox', { name: 'Note' });
  await note1.fill('Spokeswoman of the service');
  await note1.blur();
  await waitSaved(page1);
  await expect(page2.getByRole('region', { name: 'Selected annotation' }).getByRole('textbox', { name: 'Note' })).toHaveValue('Spokeswoman of the service');

  // A review decision: Ben's span arrives by import (in window 2), window 1 accepts it, window 2
  // shows the decision and the accepted copy in Ana's layer.
  const status = await hostApi<CorpusStatus>(app.host(), 'getCorpusStatus');
  const summary = status.documents.find((d) => d.title.startsWith(TITLE));
  const doc = await hostApi<DocumentContent>(app.host(), 'getDocument', summary?.id);
  await hostApi(app.host(), 'importAnnotations', bensExport(doc), 'ben.json');
  const bens = page1.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: 'Source: Open Imagery Collective — Ben' });
  await expect(bens).toBeVisible();
  await expect(page2.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: 'Source: Open Imagery Collective — Ben' })).toBeVisible();
  await bens.click();
  await page1.getByRole('region', { name: 'Selected annotation' }).getByRole('button', { name: 'Accept' }).click();
  await waitSaved(page1);
  await expect(page2.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: 'Source: Open Imagery Collective — Ben, accepted' })).toBeVisible();
  await expect(page2.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: 'Source: Open Imagery Collective — Ana' })).toBeVisible();

  // A delete in window 1 disappears from window 2.
  await annotationRow(page1, 'source', 'Irina Volkova').click();
  await page1.keyboard.press('Delete');
  await waitSaved(page1);
  await expect(annotationRow(page2, 'source', 'Irina Volkova')).toHaveCount(0);

  // Window 2 can go on editing what it now shows: its changes are built on the latest revisions.
  await annotationRow(page2, 'source', 'Open Imagery Collective').first().click();
  await page2.keyboard.press('Control+z'); // nothing of window 2's own to undo: window 1's work stays
  await expect(annotationRow(page2, 'source', 'Irina Volkova')).toHaveCount(0);
  await expect(page2.getByRole('region', { name: 'Changes not saved' })).toHaveCount(0);
});
