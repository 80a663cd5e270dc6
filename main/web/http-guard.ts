// Request checks of the loopback host: Host and Origin (DNS-rebinding and cross-site
// defence) and the per-launch token. Pure functions over header values.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export { CONTENT_SECURITY_POLICY };

export const TOKEN_HEADER = 'x-marginalia-token';


export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; false for a missing or differently sized candidate. */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(candidate, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only the loopback names we listen on, with our port: a rebinding DNS name is refused. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const lower = host.toLowerCase();
  return lower === `127.0.0.1:${port}` || lower === `localhost:${port}`;
}

/** No Origin header (same-origin GET, curl) is fine; any other origin is not. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const lower = origin.toLowerCase();
  return lower === `http://127.0.0.1:${port}` || lower === `http://localhost:${port}`;
}

/** The app's entry page: the one address that must carry the per-launch token. */
export function isEntryPage(path: string): boolean {
  return path === '/' || path === '/index.html';
}

/** What a browser shows when the address has no token or an old one: how to get the right one. */
export function tokenHelpPage(port: number, hadToken: boolean, addressFile?: string): string {
  const why = hadToken
    ? 'This address carries the token of an earlier start of Marginalia: the server was restarted since, and each start makes a new token.'
    : 'This address has no token. Marginalia’s browser host accepts only the full address it printed, which carries a token made for this start.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Marginalia: open the address with its token</title></head>
<body>
<h1>Open Marginalia with its address</h1>
<p>${why}</p>
<p>Look in the terminal where <code>npm run serve</code> runs for the line</p>
<pre>Marginalia is serving at http://127.0.0.1:${port}/?token=…</pre>
<p>and open that address.${addressFile ? ` The server also writes it to <code>${escapeHtml(addressFile)}</code> (in its data folder) while it runs.` : ''} If the server is not running, start it again with <code>npm run serve</code>.</p>
<p>Changes you made in a tab on the earlier address that were not saved are kept in that tab: open the new address in the same tab and they are saved.</p>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Headers every response carries, whatever its status. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** The reason a request is refused before routing, or null when Host and Origin are ours. */
export function refuseForeignRequest(req: IncomingMessage, port: number): string | null {
  if (!hostAllowed(req.headers.host, port)) return 'Forbidden: unexpected Host header';
  if (!originAllowed(req.headers.origin, port)) return 'Forbidden: cross-origin request';
  return null;
}
