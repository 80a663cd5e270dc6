// Electron main process: one instance, one locked-down window, the API over IPC.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog } from 'electron';
import type { MarginaliaCore } from '../services/service-types';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { APP_INDEX_URL } from './app-scheme';
import { openDesktopCore } from './desktop-core';
import { registerIpcHandlers } from './ipc';
import { parseLaunchArgs } from './launch-args';
import { installMenu } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

// This file is built to out/main/index.js; the rest of the build sits beside it.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
// Privileged schemes can only be registered before the app is ready.
registerAppScheme();
const launchArgs = parseLaunchArgs(process.argv.slice(1), process.cwd());
// Must happen before anything reads userData (electron-store, the single-instance lock).
if (launchArgs.dataDir) {
  mkdirSync(launchArgs.dataDir, { recursive: true });
  app.setPath('userData', launchArgs.dataDir);
}

// Unpackaged, the repo's assets/ sits two levels up from out/main, whether Electron was started
// with the project folder or with this file (as the e2e tests do).
const devAssetsDir = join(here, '../../assets');

function sampleCorpusDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'sample-corpus') : join(devAssetsDir, 'sample-corpus');
}

function fail(error: unknown): void {
  console.error('Marginalia could not start:', error);
  dialog.showErrorBox('Marginalia could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

function run(): void {
  let mainWindow: BrowserWindow | null = null;
  let core: MarginaliaCore | null = null;
  let closedCore = false;
  let openWindow: () => void = () => {};

  hardenWebContents();

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Flush pending annotation writes before the process goes away.
  app.on('before-quit', (event) => {
    if (!core || closedCore) return;
    event.preventDefault();
    const closing = core;
    core = null;
    closing
      .close()
      .catch((error: unknown) => console.error('Marginalia: error while closing:', error))
      .finally(() => {
        closedCore = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession();
      serveAppScheme(rendererDir);
      const dataDir = app.getPath('userData');
      const opened = await openDesktopCore({ dataDir, sampleCorpusDir: sampleCorpusDir() });
      core = opened.core;
      registerIpcHandlers({
        core: opened.core,
        getWindow: () => mainWindow,
        renderer: { indexUrl: APP_INDEX_URL },
        documentsDir: app.getPath('documents'),
      });
      installMenu(() => mainWindow);
      opened.core
        .openInitialCorpus(launchArgs.openPaths.length ? launchArgs.openPaths : undefined)
        .catch((error: unknown) => console.error('Marginalia: could not open the initial corpus:', error));
      openWindow = () => {
        mainWindow = createMainWindow({
          store: opened.store,
          preloadPath,
          iconPath: app.isPackaged ? undefined : join(devAssetsDir, 'icon.png'),
        });
        mainWindow.on('closed', () => {
          mainWindow = null;
        });
      };
      openWindow();
    })
    .catch(fail);
}

if (app.requestSingleInstanceLock()) run();
else app.quit();
