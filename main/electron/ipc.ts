// IPC handlers: one per API method. Each checks that the call comes from our renderer in the
// main window's top frame, validates the payload with the shared zod schemas, then calls the core.
// Replies are {result} or {error}; the preload turns {error} back into a rejected promise.
import { join } from 'node:path';
import { type BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { API_ARGS, IPC_PREFIX, type ApiMethod, type CorpusStatus, type ExportResult } from '../../shared/api';
import { type ApiReplyBody, describeArgIssues, errorReply } from '../../shared/api-errors';
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

type Handlers = { [M in ApiMethod]: (args: z.output<(typeof API_ARGS)[M]>) => Promise<unknown> };

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
  return ctx.core.openPaths(chosen.filePaths, kind === 'folder' ? 'replace' : 'add');
}

async function exportToFile(ctx: IpcContext, request: z.output<(typeof API_ARGS)['exportAnnotations']>[0]): Promise<ExportResult> {
  const built = await ctx.core.buildExport(request);
  const win = ctx.getWindow();
  const options: Electron.SaveDialogOptions = {
    title: 'Export annotations',
    defaultPath: join(ctx.documentsDir, built.fileName),
    filters: [{ name: 'JSON', extensions: ['json'] }],
  };
  const target = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (target.canceled || !target.filePath) return { kind: 'cancelled' };
  await replaceFile(target.filePath, built.content);
  return { kind: 'saved', path: target.filePath, documents: built.documents, annotations: built.annotations };
}

function desktopHandlers(ctx: IpcContext): Handlers {
  const { core } = ctx;
  return {
    getSession: () => core.getSession('electron'),
    updateSettings: ([patch]) => core.updateSettings(patch),
    openPaths: ([paths, mode]) => core.openPaths(paths, mode),
    chooseAndOpen: ([kind]) => chooseAndOpen(ctx, kind),
    addFiles: ([files]) => core.addFiles(files),
    getCorpusStatus: () => core.getCorpusStatus(),
    getDocument: ([docId]) => core.getDocument(docId),
    listAnnotations: ([docId]) => core.listAnnotations(docId),
    saveChanges: ([docId, changes]) => core.saveChanges(docId, changes),
    exportAnnotations: ([request]) => exportToFile(ctx, request),
    dismissNotice: ([id]) => core.dismissNotice(id),
    importAnnotations: ([content, sourceName]) => core.importAnnotations(content, sourceName ?? undefined),
    listImportOrphans: () => core.listImportOrphans(),
    listAnalysts: () => core.listAnalysts(),
    getAgreement: ([analystA, analystB, scope]) => core.getAgreement(analystA, analystB, scope),
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
  const handlers = desktopHandlers(ctx);
  for (const method of Object.keys(API_ARGS) as ApiMethod[]) {
    ipcMain.handle(IPC_PREFIX + method, async (event, ...args: unknown[]): Promise<ApiReplyBody> => {
      if (!senderIsOurRenderer(event, ctx)) {
        console.error(`Marginalia: refused IPC ${method} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return { error: 'Refused: this page may not use the Marginalia API' };
      }
      const checked = API_ARGS[method].safeParse(args);
      if (!checked.success) return { error: describeArgIssues(checked.error.issues, args) };
      try {
        // The table is keyed by method, so the parsed tuple matches its handler.
        const handler = handlers[method] as (a: unknown) => Promise<unknown>;
        const result = await handler(checked.data);
        return { result: result === undefined ? null : result };
      } catch (error) {
        console.error(`Marginalia: ${method} failed:`, error);
        return errorReply(error);
      }
    });
  }
}
