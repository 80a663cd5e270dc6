// After the browser host restarts (issue 9, item 4), an open tab's token is refused: the tab says
// plainly that the server was restarted and where its new address is, keeps the unsaved change in
// memory and in session storage, and saves it once the new address is opened in that tab.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { annotationRow, annotationRows, enterAnalystName, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, findPhrase } from '../support/article';
import { writeCorpus } from '../support/daily';
import { makeDataDir, type RunningHost, startHost } from '../support/web-host';

const TITLE = 'Harbour report: boats leave before the storm';
const ARTICLE = `${TITLE}\n\nThe harbour master said forty boats left the port on Tuesday.\nFishermen in Saltby stayed ashore.\n`;

const hosts: RunningHost[] = [];
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
});

test('a restarted host: the tab says so, names the new address, keeps the unsaved tag and saves it there', async ({ page }) => {
  const dataDir = await makeDataDir();
  const corpus = await writeCorpus({ 'harbour.txt': ARTICLE });
  const first = await startHost({ dataDir, open: [corpus] });
  hosts.push(first);
  await page.goto(first.url);
  await enterAnalystName(page, 'Ana');
  await openDocument(page, TITLE);
  const text = await displayedText(page);
  const tag = async (phrase: string, key: string) => {
    const { from, to } = findPhrase(text, phrase);
    await dragSelect(page, from, to);
    await page.keyboard.press(key);
  };
  await tag('harbour master', '2');
  await waitSaved(page);

  await first.stop();
  hosts.splice(0);
  const second = await startHost({ dataDir, open: [corpus], port: first.port });
  hosts.push(second);
  expect(second.token).not.toBe(first.token);

  // The tab's live events reconnect with the old token and are refused: the tab says so at once.
  const alert = page.getByRole('region', { name: 'Server restarted' }).getByRole('alert');
  await expect(alert).toContainText('The Marginalia server was restarted.');
  await expect(alert).toContainText('Everything you did before the restart is saved.');
  // A tag made now cannot be saved with the old token: it is kept.
  await tag('Saltby', '4');
  await expect(annotationRow(page, 'place', 'Saltby')).toBeVisible();
  await expect(alert).toContainText('1 unsaved change is kept in this tab.');
  const addressFile = join(dataDir, 'host-address.txt');
  await expect(alert).toContainText(addressFile);
  await expect(alert.getByRole('button', { name: 'Download unsaved changes' })).toBeVisible();

  // The file holds the new address; opening it in this tab saves what was kept.
  const address = (await readFile(addressFile, 'utf8')).trim();
  expect(address).toBe(second.url);
  await page.goto(address);
  await expect(page.getByRole('status').filter({ hasText: 'kept in this tab from before the server was restarted: sent' })).toBeVisible();
  await openDocument(page, TITLE);
  await expect(annotationRows(page)).toHaveCount(2);
  await waitSaved(page);

  // On disk: a fresh tab on the new address (no session storage) shows both tags.
  const fresh = await page.context().newPage();
  await fresh.goto(second.url);
  await openDocument(fresh, TITLE);
  await expect(annotationRow(fresh, 'source', 'harbour master')).toBeVisible();
  await expect(annotationRow(fresh, 'place', 'Saltby')).toBeVisible();
  await expect(annotationRows(fresh)).toHaveCount(2);
});
