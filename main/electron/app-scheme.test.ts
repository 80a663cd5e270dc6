// The app:// handler's answers, on a real folder standing in for out/renderer.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { APP_INDEX_URL, appSchemeResponse } from './app-scheme';

let rendererDir = '';

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'marginalia-app-scheme-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/index.js"></script>');
  await writeFile(join(rendererDir, 'assets/index.js'), 'export {};');
  await writeFile(join(rendererDir, 'assets/index.css'), 'body {}');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  await symlink(join(root, 'secret.txt'), join(rendererDir, 'assets/link.txt'));
});

const get = (url: string) => appSchemeResponse(rendererDir, 'GET', url);

describe('appSchemeResponse', () => {
  it('serves the page and its assets with their content types and the CSP header', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.body?.toString()).toContain('./assets/index.js');
    expect(page.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    // A relative asset URL in the page resolves under app://marginalia/.
    const script = await get(new URL('./assets/index.js', APP_INDEX_URL).href);
    expect([script.status, script.headers['Content-Type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await get('app://marginalia/assets/index.css')).headers['Content-Type']).toBe('text/css; charset=utf-8');
    expect((await get('app://marginalia/')).body?.toString()).toContain('<!doctype html>');
  });

  it('refuses paths that leave the renderer folder, even through a symlink', async () => {
    for (const url of ['app://marginalia/%2e%2e/secret.txt', 'app://marginalia/assets%2f..%2f..%2fsecret.txt', 'app://marginalia/..%5csecret.txt']) {
      const reply = await get(url);
      expect(reply.status, url).toBeGreaterThanOrEqual(400);
      expect(reply.body, url).toBeNull();
    }
    expect((await get('app://marginalia/assets/link.txt')).status).toBe(404);
    expect((await get('app://marginalia/missing.js')).status).toBe(404);
  });

  it('answers only its own host and scheme, and only reads', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://user@marginalia/index.html')).status).toBe(404);
    expect((await get('file:///etc/passwd')).status).toBe(404);
    expect((await get('not a url')).status).toBe(400);
    expect((await appSchemeResponse(rendererDir, 'POST', APP_INDEX_URL)).status).toBe(405);
    const head = await appSchemeResponse(rendererDir, 'HEAD', APP_INDEX_URL);
    expect([head.status, head.body]).toEqual([200, null]);
  });

  it('puts the CSP on refusals too', async () => {
    expect((await get('app://marginalia/missing.js')).headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
