// The HTTP side of the typed API: POST /api/<method> with {"args": [...]}.
// Arguments are validated with the shared zod schemas before a call reaches the core.
import type { z } from 'zod';
import { API_ARGS, type ApiMethod, type ExportResult } from '../../shared/api';
import type { MarginaliaCore } from '../services/service-types';
import { type ApiReplyBody, describeArgIssues, errorReply } from '../../shared/api-errors';

export const API_BODY_LIMIT = 1024 * 1024;
/** Uploads of dropped files carry base64 bytes. */
export const UPLOAD_BODY_LIMIT = 100 * 1024 * 1024;

/** Room for one change at its largest (a span of MAX_SPAN_LENGTH and a note of MAX_NOTE_LENGTH, JSON-escaped). */
export const SAVE_BODY_LIMIT = 4 * 1024 * 1024;

/** Methods that carry file contents get the upload limit (the core enforces its own, clearer limits). */
export function bodyLimitFor(method: string): number {
  if (method === 'addFiles' || method === 'importAnnotations') return UPLOAD_BODY_LIMIT;
  return method === 'saveChanges' ? SAVE_BODY_LIMIT : API_BODY_LIMIT;
}

export interface ApiReply {
  status: number;
  body: ApiReplyBody;
}

type Handlers = { [M in ApiMethod]: (args: z.output<(typeof API_ARGS)[M]>) => Promise<unknown> };

function webHandlers(core: MarginaliaCore): Handlers {
  return {
    getSession: () => core.getSession('web'),
    updateSettings: ([patch]) => core.updateSettings(patch),
    openPaths: ([paths, mode]) => core.openPaths(paths, mode),
    // No native dialog here: null tells the UI to ask for a path itself.
    chooseAndOpen: async () => null,
    addFiles: ([files]) => core.addFiles(files),
    getCorpusStatus: () => core.getCorpusStatus(),
    getDocument: ([docId]) => core.getDocument(docId),
    listAnnotations: ([docId]) => core.listAnnotations(docId),
    saveChanges: ([docId, changes]) => core.saveChanges(docId, changes),
    exportAnnotations: async ([request]): Promise<ExportResult> => {
      const built = await core.buildExport(request);
      return { kind: 'download', ...built };
    },
    dismissNotice: ([id]) => core.dismissNotice(id),
    importAnnotations: ([content, sourceName]) => core.importAnnotations(content, sourceName ?? undefined),
    listImportOrphans: () => core.listImportOrphans(),
    listAnalysts: () => core.listAnalysts(),
    getAgreement: ([analystA, analystB, scope]) => core.getAgreement(analystA, analystB, scope),
  };
}

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_ARGS, name);
}

export function createApiRouter(core: MarginaliaCore, log: (message: string) => void) {
  const handlers = webHandlers(core);
  return async function handleApiCall(method: string, rawBody: Buffer): Promise<ApiReply> {
    if (!isApiMethod(method)) return { status: 404, body: { error: `Unknown API method: ${method.slice(0, 100)}` } };
    let parsed: unknown;
    try {
      parsed = rawBody.length === 0 ? {} : JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'The request body is not valid JSON' } };
    }
    const args = (parsed as { args?: unknown } | null)?.args ?? [];
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray(args)) {
      return { status: 400, body: { error: 'The request body must be a JSON object {"args": [...]}' } };
    }
    const checked = API_ARGS[method].safeParse(args);
    if (!checked.success) return { status: 400, body: { error: describeArgIssues(checked.error.issues, args) } };
    try {
      // The table is keyed by method, so the parsed tuple matches its handler.
      const handler = handlers[method] as (a: unknown) => Promise<unknown>;
      const result = await handler(checked.data);
      return { status: 200, body: { result: result === undefined ? null : result } };
    } catch (error) {
      const body = errorReply(error);
      const status = body.status ?? 500;
      log(`Marginalia: ${method} failed (${status}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { status, body };
    }
  };
}
