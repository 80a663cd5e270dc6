// Commands the desktop app's menu sends to the renderer (Electron only). No dependencies,
// so the sandboxed preload can bundle it.
export const MENU_COMMANDS = ['open-folder', 'open-files', 'import', 'export'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** IPC channel from main to renderer carrying one MenuCommand. */
export const MENU_CHANNEL = 'marginalia:menu';

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** What the preload exposes as `window.marginaliaMenu`. */
export interface MarginaliaMenuBridge {
  /** Calls `listener` for each menu command; returns a function that unsubscribes. */
  onCommand(listener: (command: MenuCommand) => void): () => void;
}
