// Sandboxed preload: exposes one generic call, the event feed and the menu command feed.
// Bundled to CJS that requires only 'electron'; no zod here, only dependency-free modules. The
// typed API is built in the renderer from the contract; the main process validates every call.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL, type MarginaliaBridge } from '../../shared/api/bridge';
import type { ApiReplyBody } from '../../shared/api-errors';
import { MENU_CHANNEL, isMenuCommand, type MarginaliaMenuBridge, type MenuCommand } from '../../shared/menu';

const bridge: MarginaliaBridge = {
  call: (method, args, clientId) => ipcRenderer.invoke(CALL_CHANNEL, method, args, clientId) as Promise<ApiReplyBody>,
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

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

contextBridge.exposeInMainWorld('marginalia', bridge);
contextBridge.exposeInMainWorld('marginaliaMenu', menu);
