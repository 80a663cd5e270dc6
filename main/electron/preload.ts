// Sandboxed preload: exposes the typed API (one method per call) and the menu command feed.
// Bundled to CJS that requires only 'electron'; so no zod here, only dependency-free modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MarginaliaIpcBridge } from '../../shared/api';
import type { ApiReplyBody } from '../../shared/api-errors';
import { API_METHOD_NAMES, IPC_PREFIX } from '../../shared/api-methods';
import { MENU_CHANNEL, isMenuCommand, type MarginaliaMenuBridge, type MenuCommand } from '../../shared/menu';

// Each method resolves with the reply body ({result} or {error, status}); the renderer unwraps
// it, since errors crossing the context bridge keep only their message.
const api: Record<string, (...args: unknown[]) => Promise<ApiReplyBody>> = {};
for (const method of API_METHOD_NAMES) {
  api[method] = (...args: unknown[]) => ipcRenderer.invoke(IPC_PREFIX + method, ...args) as Promise<ApiReplyBody>;
}

const menu: MarginaliaMenuBridge = {
  onCommand(listener: (command: MenuCommand) => void) {
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('marginalia', api as MarginaliaIpcBridge);
contextBridge.exposeInMainWorld('marginaliaMenu', menu);
