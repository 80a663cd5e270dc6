// A browser-host fixture: a real server process with its own temp data dir, and a page on it.
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { FlowHost } from '../support/annotate-flow';
import { enterAnalystName } from '../support/annotate-flow';
import { makeDataDir, type RunningHost, startHost } from '../support/web-host';

export interface WebApp extends FlowHost {
  host(): RunningHost;
  /** Starts the host on `corpusDir` and opens the page, answering the first-run dialog. */
  launch(corpusDir: string, analyst?: string): Promise<Page>;
}

export const test = base.extend<{ app: WebApp }>({
  app: async ({ page }, use, testInfo) => {
    const dataDir = await makeDataDir();
    let running: RunningHost | undefined;
    const current = page;
    let corpus = '';
    const app: WebApp = {
      host: () => {
        if (!running) throw new Error('host not started');
        return running;
      },
      page: () => current,
      async launch(corpusDir, analyst = 'Ana') {
        corpus = corpusDir;
        running = await startHost({ dataDir, open: [corpusDir] });
        await current.goto(running.url);
        await enterAnalystName(current, analyst);
        return current;
      },
      async reload() {
        await current.reload();
      },
      async restart() {
        await running?.stop();
        running = await startHost({ dataDir, open: [corpus] });
        await current.goto(running.url);
      },
      async exportAll() {
        await current.getByRole('button', { name: 'Export', exact: true }).click();
        const dialog = current.getByRole('dialog', { name: 'Export annotations' });
        await dialog.getByRole('radio', { name: 'All documents' }).check();
        await expect(dialog.getByRole('checkbox', { name: 'Include article text' })).toBeChecked();
        const downloading = current.waitForEvent('download');
        await dialog.getByRole('button', { name: 'Export file' }).click();
        const download = await downloading;
        const path = join(testInfo.outputPath(), download.suggestedFilename());
        await download.saveAs(path);
        return path;
      },
    };
    await use(app);
    await running?.stop();
  },
});

export { expect };
