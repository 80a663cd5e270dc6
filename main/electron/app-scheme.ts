// The app:// scheme the window loads from, instead of file:// (which would grant the page
// file-system privileges). Pure, so it is unit-tested without Electron.
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { lookupStatic } from '../web/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'marginalia';
/** The one page allowed to call the API (see trusted-sender.ts). */
export const APP_INDEX_URL = 'app://marginalia/index.html';

export interface AppSchemeResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

// Sent with every answer: webRequest hooks are not guaranteed to see custom-scheme responses.
const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function refuse(status: number): AppSchemeResponse {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: null };
}

/**
 * Answers a request on the app scheme with a file from `rendererDir` (the built renderer), and
 * nothing else: other hosts, other methods and paths that leave the folder, even through a
 * symlink, are refused (the checks are lookupStatic's, shared with the browser host).
 */
export async function appSchemeResponse(rendererDir: string, method: string, requestUrl: string): Promise<AppSchemeResponse> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return refuse(404);
  if (method !== 'GET' && method !== 'HEAD') return refuse(405);
  const found = await lookupStatic(rendererDir, url.pathname || '/');
  if (found.kind === 'bad-path') return refuse(400);
  if (found.kind === 'not-found') return refuse(404);
  return {
    status: 200,
    headers: { ...COMMON_HEADERS, 'Content-Type': found.contentType },
    body: method === 'HEAD' ? null : found.body,
  };
}
