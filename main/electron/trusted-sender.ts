// Which page may call the API over IPC: only our renderer, in the main window's top frame.
// Pure, so it is unit-tested without Electron.

export interface RendererLocation {
  /** file:// URL of out/renderer/index.html (production builds). */
  fileIndexUrl: string;
  /** The Vite dev server URL from ELECTRON_RENDERER_URL, when running in dev. */
  devServerUrl?: string | undefined;
}

/** True when `frameUrl` is our renderer page (any query or hash), and nothing else. */
export function isTrustedRendererUrl(frameUrl: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  const index = new URL(location.fileIndexUrl);
  if (url.protocol === 'file:') {
    return index.protocol === 'file:' && url.host === index.host && url.pathname === index.pathname;
  }
  if (location.devServerUrl) {
    const dev = new URL(location.devServerUrl);
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && url.origin === dev.origin;
  }
  return false;
}
