// Builds the comparison pages (baseline and peer) with Vite into a temporary folder and
// serves them, with the benchmark data, from a loopback static server.
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';

const PAGE_ROOT = resolve(import.meta.dirname, 'page');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

export async function buildPages(outDir: string): Promise<void> {
  await build({
    root: PAGE_ROOT,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: { baseline: join(PAGE_ROOT, 'baseline.html'), peer: join(PAGE_ROOT, 'peer.html') } },
    },
  });
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` plus `data` (JSON bodies by name at /data/<name>.json) on a free port. */
export async function servePages(dir: string, data: ReadonlyMap<string, string>): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const dataMatch = /^\/data\/([\w-]+)\.json$/.exec(path);
    const body = dataMatch?.[1] ? data.get(dataMatch[1]) : undefined;
    if (body !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.json'] ?? '' }).end(body);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (bytes) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
