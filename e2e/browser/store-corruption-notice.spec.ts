// A store file damaged by hand while the app was closed: at the next start the page shows an
// alert in the "Notices" region naming the file and where it was moved, and every other
// document's annotations load as before.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorpusStatus, SessionInfo } from '../../shared/api';
import type { Creator, SpanRecord } from '../../shared/model/records';
import { quoteContext } from '../../shared/offsets';
import { annotationRow, openDocument } from '../support/annotate-flow';
import { hostApi, makeDataDir, startHost } from '../support/web-host';
import { expect, test } from './fixtures';

const ARTICLES = [
  { fileName: 'harbour.txt', text: 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n', quote: 'mayor' },
  { fileName: 'flood.txt', text: 'Flood update\n\nAbout 3.5 km of road was closed near Elmfield, officials said.\n', quote: 'Elmfield' },
];

test('a damaged annotations file is announced in the Notices region; the other documents load', async ({ page }) => {
  const corpus = await mkdtemp(join(tmpdir(), 'marginalia-notice-corpus-'));
  for (const a of ARTICLES) await writeFile(join(corpus, a.fileName), a.text);
  const dataDir = await makeDataDir();

  // First session: one annotation per document, saved through the API.
  let host = await startHost({ dataDir, open: [corpus] });
  let status: CorpusStatus;
  do status = await hostApi<CorpusStatus>(host, 'getCorpusStatus');
  while (status.loading || status.documents.length < ARTICLES.length);
  await hostApi(host, 'updateSettings', { analystName: 'Ana' });
  const creator = (await hostApi<SessionInfo>(host, 'getSession')).analyst as Creator;
  const ids = new Map<string, string>();
  for (const article of ARTICLES) {
    const doc = status.documents.find((d) => d.fileName === article.fileName);
    if (!doc) throw new Error(`${article.fileName} did not load`);
    ids.set(article.fileName, doc.id);
    const start = article.text.indexOf(article.quote);
    const end = start + article.quote.length;
    const at = new Date().toISOString();
    const span: SpanRecord = { kind: 'span', id: `a-${article.fileName}`, creator, rev: 1, createdAt: at, updatedAt: at, target: { docId: doc.id, start, end, ...quoteContext(article.text, start, end) }, tag: 'claim', note: '' };
    await hostApi(host, 'saveRecords', doc.id, [span]);
  }
  await host.stop();

  // Damage by hand: an unreadable snapshot for the first document.
  const damagedId = ids.get('harbour.txt') ?? '';
  await writeFile(join(dataDir, 'records', `${damagedId}.json`), '{"format": "marginalia/records", oops');

  host = await startHost({ dataDir, open: [corpus] });
  try {
    await page.goto(host.url);
    const alert = page.getByRole('region', { name: 'Notices' }).getByRole('alert');
    await expect(alert).toHaveCount(1);
    await expect(alert).toContainText('could not be read');
    await expect(alert).toContainText(`${damagedId}.json`);
    await expect(alert).toContainText(`moved to ${join(dataDir, 'records', `${damagedId}.json.corrupt-`)}`);

    // The other document is untouched, and the damaged one keeps its journal.
    await openDocument(page, 'Flood update');
    await expect(annotationRow(page, 'claim', 'Elmfield')).toBeVisible();
    await openDocument(page, 'Harbour report');
    await expect(annotationRow(page, 'claim', 'mayor')).toBeVisible();

    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('region', { name: 'Notices' }).getByRole('alert')).toHaveCount(0);
  } finally {
    await host.stop();
    await rm(corpus, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
});
