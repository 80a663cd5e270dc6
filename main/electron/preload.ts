// Sandboxed preload: exposes the typed API (one method per call) and the menu command feed.
// Bundled to CJS that requires only 'electron'; so no zod here, only dependency-free modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MarginaliaApi } from '../../shared/api';
import type { ApiReplyBody } from '../../shared/api-errors';
import { API_METHOD_NAMES, IPC_PREFIX } from '../../shared/api-methods';
import { MENU_CHANNEL, isMenuCommand, type MarginaliaMenuBridge, type MenuCommand } from '../../shared/menu';

const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
for (const method of API_METHOD_NAMES) {
  api[method] = async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke(IPC_PREFIX + method, ...args)) as ApiReplyBody;
    if ('error' in reply) throw new Error(reply.error);
    return reply.result;
  };
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

contextBridge.exposeInMainWorld('marginalia', api as unknown as MarginaliaApi);
contextBridge.exposeInMainWorld('marginaliaMenu', menu);
