// The same flow in the real Electron shell. It needs the Electron binary, which cannot be
// downloaded on the build machines; there the test is skipped and says why.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page, expect, test } from '@playwright/test';
import { enterAnalystName, type FlowHost, runAnnotateFlow } from '../support/annotate-flow';
import { corpusFiles, SAMPLE_CORPUS } from '../support/corpus';

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const SKIP_REASON = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the browser project covers the same flow';
if (!binary) console.log(`[electron project] skipped: ${SKIP_REASON}`);
test.skip(!binary, SKIP_REASON);

// The unpackaged build on the stock binary: Playwright drives it through --inspect, which the
// packaged app's fuses turn off (e2e/build/electron-config.spec.ts checks those).
const MAIN_ENTRY = resolve(import.meta.dirname, '../../out/main/index.js');
/** The page is served on the app:// scheme, never from file://. */
const APP_INDEX_URL = 'app://marginalia/index.html';

test('desktop app: the same annotate flow, restart and export through the save dialog', async ({}, testInfo) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  const launch = async (): Promise<{ app: ElectronApplication; page: Page }> => {
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [MAIN_ENTRY, '--data-dir', dataDir, '--open', SAMPLE_CORPUS],
    });
    const page = await app.firstWindow();
    await expect(page).toHaveURL(APP_INDEX_URL);
    return { app, page };
  };
  let running = await launch();
  await enterAnalystName(running.page, 'Ana');
  const host: FlowHost = {
    page: () => running.page,
    reload: async () => {
      await running.page.reload();
    },
    restart: async () => {
      await running.app.close();
      running = await launch();
    },
    exportAll: async () => {
      const target = testInfo.outputPath('electron-export.json');
      // The save dialog is the boundary we stub; the file is written by the real app.
      await running.app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
      }, target);
      await running.page.getByRole('button', { name: 'Export', exact: true }).click();
      const exportDialog = running.page.getByRole('dialog', { name: 'Export annotations' });
      await exportDialog.getByRole('radio', { name: 'All documents' }).check();
      await exportDialog.getByRole('button', { name: 'Export file' }).click();
      await expect.poll(() => existsSync(target)).toBe(true);
      return target;
    },
  };
  const first = corpusFiles(SAMPLE_CORPUS)[0];
  if (!first) throw new Error('sample corpus is empty');
  try {
    await runAnnotateFlow(host, first.title);
  } finally {
    await running.app.close();
  }
});
