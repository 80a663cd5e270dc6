// The main window: locked-down web preferences, bounds remembered in the settings file.
import { BrowserWindow, screen } from 'electron';
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
  // Always our app:// page: never a file:// URL or one taken from the environment.
  void win.loadURL(APP_INDEX_URL);
  return win;
}
