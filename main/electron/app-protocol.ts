// Registers the app:// scheme and serves the built renderer on it (see app-scheme.ts).
import { protocol } from 'electron';
import { APP_SCHEME, appSchemeResponse } from './app-scheme';

/**
 * Must run before the app is ready. `standard` gives the page a real origin (relative URLs,
 * 'self' in the CSP), `secure` a secure context. No corsEnabled or bypassCSP: other origins
 * cannot read it and our CSP applies.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Call once the app is ready: answers app:// requests from `rendererDir` only. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const reply = await appSchemeResponse(rendererDir, request.method, request.url);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  });
}
