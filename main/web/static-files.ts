// Serves the built renderer folder. Any path that could leave that folder is refused
// before the file system is touched; symlinks are resolved and checked again.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticLookup =
  | { kind: 'file'; body: Buffer; contentType: string; isHtml: boolean }
  | { kind: 'bad-path' }
  | { kind: 'not-found' };

/**
 * The path below the root named by a raw request path (query already removed),
 * or null if it is malformed or tries to escape: `..` and `.` segments, encoded
 * separators, backslashes, NUL, and anything still percent-encoded after one decode.
 */
export function safeRelativePath(rawPath: string): string | null {
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return null;
  if (/%(2f|5c|00)/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (/[\\\0%]/.test(decoded) || decoded.includes(':')) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const relative = segments.filter((s) => s !== '').join('/');
  return relative === '' ? 'index.html' : relative;
}

function inside(root: string, candidate: string): boolean {
  return candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

export async function lookupStatic(rendererDir: string, rawPath: string): Promise<StaticLookup> {
  const relative = safeRelativePath(rawPath);
  if (relative === null) return { kind: 'bad-path' };
  const root = resolve(rendererDir);
  const fullPath = resolve(root, relative);
  if (!inside(root, fullPath)) return { kind: 'bad-path' };
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(fullPath)]);
    if (!inside(realRoot, realFile) || !(await stat(realFile)).isFile()) return { kind: 'not-found' };
    const extension = extname(realFile).toLowerCase();
    return {
      kind: 'file',
      body: await readFile(realFile),
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      isHtml: extension === '.html',
    };
  } catch {
    return { kind: 'not-found' };
  }
}
