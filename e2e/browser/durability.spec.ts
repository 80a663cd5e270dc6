// What the analyst sees when the disk fills up, and when an article changes on disk.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillDisk, mountSmallDisk } from '../../tests/support/small-disk';
import { annotationRow, enterAnalystName, openDocument, waitSaved } from '../support/annotate-flow';
import { displayedText, dragSelect, findPhrase } from '../support/article';
import { SAMPLE_CORPUS } from '../support/corpus';
import { makeDataDir, startHost } from '../support/web-host';
import { expect, test } from './fixtures';

const TITLE = 'Veshnaya';

test('a full disk: the status says so, the change is kept, and it saves by itself once there is room', async ({ page }) => {
  const disk = await mountSmallDisk(2048);
  if ('unavailable' in disk) {
    console.warn(`[durability] full-disk UI test skipped: ${disk.unavailable}`);
    test.skip(true, disk.unavailable);
    return;
  }
  const host = await startHost({ dataDir: join(disk.dir, 'data'), open: [SAMPLE_CORPUS] });
  try {
    await page.goto(host.url);
    await enterAnalystName(page, 'Ana');
    await openDocument(page, TITLE);
    const text = await displayedText(page);
    const ballast = await fillDisk(disk.dir, 0);
    const { from, to } = findPhrase(text, 'Irina Volkova');
    await dragSelect(page, from, to);
    await page.keyboard.press('2');
    await expect(annotationRow(page, 'source', 'Irina Volkova')).toBeVisible();
    const status = page.getByRole('status', { name: 'Save status' });
    await expect(status).toContainText('Save failed: the disk is full');
    // The page will not be left silently with the change unsaved.
    expect(await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    })).toBe(true);
    await rm(ballast);
    await expect(status).toHaveText('Saved', { timeout: 40_000 });
    await page.reload();
    await openDocument(page, TITLE);
    await expect(annotationRow(page, 'source', 'Irina Volkova')).toBeVisible();
  } finally {
    await host.stop();
    await disk.unmount();
  }
});

test('an article edited on disk keeps its annotations, and a notice says what moved', async ({ page }) => {
  const corpus = await mkdtemp(join(tmpdir(), 'marginalia-edited-'));
  await cp(SAMPLE_CORPUS, corpus, { recursive: true });
  const dataDir = await makeDataDir();
  let host = await startHost({ dataDir, open: [corpus] });
  try {
    await page.goto(host.url);
    await enterAnalystName(page, 'Ana');
    await openDocument(page, TITLE);
    const text = await displayedText(page);
    const { from, to } = findPhrase(text, 'Irina Volkova');
    await dragSelect(page, from, to);
    await page.keyboard.press('2');
    await waitSaved(page);
    await host.stop();

    // A correction line is inserted at the top of the article's body.
    const file = join(corpus, '01-veshnaya-dam-breach.txt');
    const original = await readFile(file, 'utf8');
    const lines = original.split('\n');
    lines.splice(2, 0, 'Correction, 18:40: an earlier version of this report gave the wrong river level.', '');
    await writeFile(file, lines.join('\n'));

    host = await startHost({ dataDir, open: [corpus] });
    await page.goto(host.url);
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('changed on disk since it was last opened: 1 annotation moved with the text.');
    await openDocument(page, TITLE);
    await expect(page.getByRole('region', { name: 'Article text' })).toContainText('Correction, 18:40');
    await annotationRow(page, 'source', 'Irina Volkova').click();
    await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText('Irina Volkova');
  } finally {
    await host.stop();
    await rm(corpus, { recursive: true, force: true });
  }
});
