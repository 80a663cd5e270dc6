// App-wide hardening: no navigation, no new windows, no webviews, no permissions,
// and a CSP response header on top of the renderer's own CSP meta tag.
import { app, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** Call before any window exists, so every web contents gets the same rules. */
export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/**
 * Denies every permission request and check, and adds the CSP header to responses (the app://
 * handler sets it too; this covers anything else the session loads).
 */
export function hardenSession(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}
