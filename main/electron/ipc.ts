// The desktop transport: one IPC channel for every call of the contract. Each call is checked to
// come from our renderer in the main window's top frame, then answered by the shared dispatcher
// (validation with the contract's schemas, the core's handlers with the desktop's dialogs over
// them). Replies are {result} or {error, status}; the renderer unwraps them. Events go out on
// one channel too.
import { join } from 'node:path';
import { type BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { CorpusStatus, ExportRequest, ExportResult } from '../../shared/api';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../shared/api/bridge';
import type { ApiHandlers } from '../../shared/api/contract';
import type { ApiReplyBody } from '../../shared/api-errors';
import { createApiHandlers, dispatchCall } from '../services/api/dispatch';
import type { MarginaliaCore } from '../services/service-types';
import { replaceFile } from '../services/storage/durable-write';
import { type RendererLocation, isTrustedRendererUrl } from './trusted-sender';

export interface IpcContext {
  core: MarginaliaCore;
  getWindow: () => BrowserWindow | null;
  renderer: RendererLocation;
  /** Folder suggested by the save dialog. */
  documentsDir: string;
}

async function chooseAndOpen(ctx: IpcContext, kind: 'folder' | 'files'): Promise<CorpusStatus> {
  const win = ctx.getWindow();
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { title: 'Open folder', properties: ['openDirectory'] }
      : {
          title: 'Open files',
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'Articles', extensions: ['txt', 'md'] }],
        };
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  // Cancelled: nothing changes, so answer with the corpus as it is (null would ask for a typed path).
  if (chosen.canceled || chosen.filePaths.length === 0) return ctx.core.getCorpusStatus();
  // A chosen folder joins the open set, as chosen files do.
  return ctx.core.openPaths(chosen.filePaths, 'add');
}

async function exportToFile(ctx: IpcContext, request: ExportRequest): Promise<ExportResult> {
  const built = await ctx.core.buildExport(request);
  const win = ctx.getWindow();
  const options: Electron.SaveDialogOptions = {
    title: 'Export annotations',
    defaultPath: join(ctx.documentsDir, built.fileName),
    filters: built.fileName.endsWith('.csv') ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'JSON', extensions: ['json'] }],
  };
  const target = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (target.canceled || !target.filePath) return { kind: 'cancelled' };
  await replaceFile(target.filePath, built.content);
  return { kind: 'saved', path: target.filePath, documents: built.documents, annotations: built.annotations };
}

/** The desktop app's own entries: native dialogs; everything else is the core's. */
function desktopOverrides(ctx: IpcContext): Partial<ApiHandlers> {
  return {
    chooseAndOpen: (kind) => chooseAndOpen(ctx, kind),
    exportAnnotations: (request) => exportToFile(ctx, request),
  };
}

function senderIsOurRenderer(event: IpcMainInvokeEvent, ctx: IpcContext): boolean {
  const win = ctx.getWindow();
  const frame = event.senderFrame;
  if (!win || win.isDestroyed() || !frame) return false;
  if (event.sender !== win.webContents || frame.parent !== null) return false;
  return isTrustedRendererUrl(frame.url, ctx.renderer);
}

export function registerIpcHandlers(ctx: IpcContext): void {
  const handlers = createApiHandlers(ctx.core, desktopOverrides(ctx));
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, args: unknown, clientId: unknown): Promise<ApiReplyBody> => {
    if (!senderIsOurRenderer(event, ctx)) {
      console.error(`Marginalia: refused IPC ${String(method).slice(0, 100)} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return { error: 'Refused: this page may not use the Marginalia API', status: 403 };
    }
    if (typeof method !== 'string') return { error: 'The method name must be a string', status: 400 };
    const client = typeof clientId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(clientId) ? clientId : null;
    return dispatchCall(handlers, method, args, { context: { clientId: client }, log: (message) => console.error(message) });
  });
  // The change feed goes to the window (only ours; it is the one window).
  ctx.core.onEvent((payload) => {
    const win = ctx.getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, payload);
  });
}
