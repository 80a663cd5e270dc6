// The main window: locked-down web preferences, bounds remembered in the settings file.
import { BrowserWindow, dialog, screen } from 'electron';
import { APP_INDEX_URL } from './app-scheme';
import { WINDOW_BOUNDS_KEY, restoreWindowState, type SavedWindowState } from './window-bounds';

/** The part of electron-store the window uses. */
export interface WindowStateStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface MainWindowOptions {
  store: WindowStateStore;
  preloadPath: string;
  iconPath: string | undefined;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const restored = restoreWindowState(options.store.get(WINDOW_BOUNDS_KEY), workAreas);
  const win = new BrowserWindow({
    ...restored.bounds,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Marginalia',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (restored.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const state: SavedWindowState = { ...win.getNormalBounds(), maximized: win.isMaximized() };
    options.store.set(WINDOW_BOUNDS_KEY, state);
  });
  // The page refuses to unload while changes are not yet saved; Electron then cancels the close
  // silently, so ask the analyst, as a browser would.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['Stay', 'Close anyway'],
      defaultId: 0,
      cancelId: 0,
      title: 'Unsaved changes',
      message: 'Some changes are not saved yet.',
      detail: 'Marginalia is still saving, or cannot save right now. Closing now loses what is not saved.',
    });
    if (choice === 1) event.preventDefault(); // preventDefault here means: unload anyway
  });
  // Always our app:// page: never a file:// URL or one taken from the environment.
  void win.loadURL(APP_INDEX_URL);
  return win;
}
