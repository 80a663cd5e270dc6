// Which page may call the API over IPC: only our renderer, in the main window's top frame.
// Pure, so it is unit-tested without Electron.
import { APP_INDEX_URL } from './app-scheme';

export interface RendererLocation {
  /** Only app://marginalia/index.html: no file:// page and no server from the environment. */
  indexUrl: typeof APP_INDEX_URL;
}

/** True when `frameUrl` is our renderer page (any query or hash), and nothing else. */
export function isTrustedRendererUrl(frameUrl: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  url.search = '';
  url.hash = '';
  // href keeps any user, password or port, so those do not match. The location is fixed by
  // its type; checked again so that a cast cannot widen it.
  return location.indexUrl === APP_INDEX_URL && url.href === APP_INDEX_URL;
}
