// The HTTP side of the contract: POST /api/<method> with {"args": [...]}, answered by the shared
// dispatcher (main/services/api/dispatch.ts) with the core's handler table, and
// GET /api/events: the change feed as Server-Sent Events.
import type { ServerResponse } from 'node:http';
import type { MarginaliaEvent } from '../../shared/api/events';
import type { ApiReplyBody } from '../../shared/api-errors';
import { createApiHandlers, dispatchCall } from '../services/api/dispatch';
import type { MarginaliaCore } from '../services/service-types';

export const API_BODY_LIMIT = 1024 * 1024;
/** Uploads of dropped files carry base64 bytes. */
export const UPLOAD_BODY_LIMIT = 100 * 1024 * 1024;
/** Room for one change at its largest (a span of MAX_SPAN_LENGTH and a note of MAX_NOTE_LENGTH, JSON-escaped). */
export const SAVE_BODY_LIMIT = 4 * 1024 * 1024;
/** A comment line every so often keeps proxies and idle timers from closing the event stream. */
const EVENT_KEEPALIVE_MS = 15_000;

/** Methods that carry file contents get the upload limit (the core enforces its own, clearer limits). */
export function bodyLimitFor(method: string): number {
  if (method === 'addFiles' || method === 'importAnnotations') return UPLOAD_BODY_LIMIT;
  return method === 'saveRecords' ? SAVE_BODY_LIMIT : API_BODY_LIMIT;
}

export interface ApiReply {
  status: number;
  body: ApiReplyBody;
}

/** Answers one POSTed call: the browser host has no dialogs, so the core's own entries serve. */
export function createApiRouter(core: MarginaliaCore, log: (message: string) => void) {
  const handlers = createApiHandlers(core);
  return async function handleApiCall(method: string, rawBody: Buffer, clientId: string | null = null): Promise<ApiReply> {
    let parsed: unknown;
    try {
      parsed = rawBody.length === 0 ? {} : JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'The request body is not valid JSON', status: 400 } };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { status: 400, body: { error: 'The request body must be a JSON object {"args": [...]}', status: 400 } };
    }
    const body = await dispatchCall(handlers, method, (parsed as { args?: unknown }).args ?? [], { context: { clientId }, log });
    return { status: 'error' in body ? (body.status ?? 500) : 200, body };
  };
}

/** Streams the core's events to one page until it goes away. */
export function streamEvents(core: MarginaliaCore, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
  const send = (event: MarginaliaEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
  const unsubscribe = core.onEvent(send);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), EVENT_KEEPALIVE_MS);
  res.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
  });
}
