// The loopback browser host: serves the built renderer and answers the typed API over HTTP
// by calling the same core as the Electron shell. The CLI lives in server.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MarginaliaCore } from '../services/service-types';
import { bodyLimitFor, createApiRouter, streamEvents } from './api-routes';
import { openWebCore } from './web-core';
import { DataDirLockedError } from '../services/storage/data-dir-lock';
import { BodyTooLargeError, formatBytes, readBody } from './request-body';
import { lookupStatic } from './static-files';
import { TOKEN_HEADER, isEntryPage, newToken, refuseForeignRequest, setSecurityHeaders, tokenHelpPage, tokenMatches } from './http-guard';
import { addressFilePath, removeAddressFile, writeAddressFile } from './address-file';
import { resolve } from 'node:path';

export const LOOPBACK = '127.0.0.1';
export const EVENTS_PATH = '/api/events';
/** Names the window a call came from (its change events say so); optional. */
export const CLIENT_HEADER = 'x-marginalia-client';

function clientIdOf(req: IncomingMessage): string | null {
  const value = req.headers[CLIENT_HEADER];
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value) ? value : null;
}

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Folders or files to open instead of the remembered ones. */
  openPaths?: string[];
  /** The built renderer (out/renderer). */
  rendererDir: string;
  sampleCorpusDir: string;
  /** Where errors are logged; stderr by default. */
  log?: (message: string) => void;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  core: MarginaliaCore;
  /** Settles when the corpus opened at start has loaded (errors are logged, not thrown). */
  initialLoad: Promise<void>;
  /** Where the address is written in the data dir (null if that failed; the error is logged). */
  addressFile: string | null;
  close(): Promise<void>;
}

/** A failure to start, with a one-line message for the user. */
export class ServerStartError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'EADDRINUSE'
          ? `Marginalia: port ${port} is already in use on ${LOOPBACK}; choose another with --port N`
          : error.code === 'EACCES'
            ? `Marginalia: not allowed to listen on port ${port}; choose a port above 1023 with --port N`
            : `Marginalia: could not listen on ${LOOPBACK}:${port}: ${error.message}`;
      reject(new ServerStartError(message, error.code));
    };
    server.once('error', onError);
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      server.off('error', onError);
      resolvePromise((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => console.error(message));
  const token = newToken();
  let handleApiCall: ReturnType<typeof createApiRouter> | null = null;
  let runningCore: MarginaliaCore | null = null;
  let port = options.port;

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const events = path === EVENTS_PATH;
    if (req.method !== (events ? 'GET' : 'POST')) return sendJson(res, 405, { error: events ? 'The event stream uses GET' : 'API calls use POST' });
    const header = req.headers[TOKEN_HEADER];
    if (!tokenMatches(token, typeof header === 'string' ? header : null)) {
      return sendJson(res, 403, { error: 'Forbidden: missing or wrong X-Marginalia-Token', status: 403 });
    }
    if (!handleApiCall || !runningCore) return sendJson(res, 503, { error: 'Marginalia is still starting', status: 503 });
    if (events) return streamEvents(runningCore, res);
    const method = path.slice('/api/'.length);
    let body: Buffer;
    try {
      body = await readBody(req, bodyLimitFor(method));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        const hint = method === 'addFiles' ? '; drop fewer or smaller files at a time' : '';
        return sendJson(res, 413, { error: `Request too large: ${method} accepts at most ${formatBytes(error.limit)}${hint}` });
      }
      throw error;
    }
    const reply = await handleApiCall(method, body, clientIdOf(req));
    sendJson(res, reply.status, reply.body);
  }

  // No cookie carries the token: cookies ignore ports, so any other local server would receive
  // it. The page's address carries it and the page keeps it for API calls. The entry page needs
  // it; the built scripts and styles hold no data and are served to any same-host request.
  async function handleStatic(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (isEntryPage(path)) {
      const given = new URLSearchParams(query).get('token');
      if (!tokenMatches(token, given)) return sendHtml(res, 403, tokenHelpPage(port, given !== null, addressFilePath(resolve(options.dataDir))));
    }
    const found = await lookupStatic(options.rendererDir, path);
    if (found.kind === 'bad-path') return sendText(res, 400, 'Bad path');
    if (found.kind === 'not-found') return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': found.contentType,
      'Content-Length': found.body.length,
      'Cache-Control': found.isHtml ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }

  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    const refusal = refuseForeignRequest(req, port);
    if (refusal) return sendJson(res, 403, { error: refusal });
    // Routed on the raw path: the URL parser would silently resolve "..".
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    const query = q === -1 ? '' : raw.slice(q + 1);
    const handled = path.startsWith('/api/') ? handleApi(req, res, path) : handleStatic(req, res, path, query);
    handled.catch((error: unknown) => {
      log(`Marginalia: request ${req.method} ${path.slice(0, 200)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error in the Marginalia host' });
      else res.destroy();
    });
  });

  port = await listen(server, options.port);
  let core: MarginaliaCore;
  try {
    core = await openWebCore({ dataDir: options.dataDir, sampleCorpusDir: options.sampleCorpusDir, port });
  } catch (error) {
    server.close();
    // Another process holds the data dir: its message is the one line the user needs.
    if (error instanceof DataDirLockedError) throw new ServerStartError(error.message, error.code);
    throw error;
  }
  handleApiCall = createApiRouter(core, log);
  runningCore = core;
  const url = `http://${LOOPBACK}:${port}/?token=${token}`;
  const dataDir = resolve(options.dataDir);
  const addressFile = await writeAddressFile(dataDir, url).catch((error: unknown) => {
    log(`Marginalia: could not write the address to ${addressFilePath(dataDir)}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  const initialLoad = core
    .openInitialCorpus(options.openPaths?.length ? options.openPaths : undefined)
    .then(() => core.whenLoaded())
    .then(
      () => undefined,
      (error: unknown) => log(`Marginalia: could not open the initial corpus: ${error instanceof Error ? error.message : String(error)}`),
    );

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await initialLoad;
      if (addressFile) await removeAddressFile(dataDir, url);
      await core.close();
    })();
    return closing;
  };
  return { port, token, url, core, initialLoad, addressFile, close };
}
