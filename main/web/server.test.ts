// The browser host in-process, with the real core on temp dirs: token, Host and Origin checks,
// static files that cannot escape the renderer folder, body limits and argument validation.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusStatus, SessionInfo } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from './http-guard';
import { type RunningServer, ServerStartError, startServer } from './start-server';
import { callApi, rawRequest } from './test-http';

const SECRET = 'THIS-FILE-IS-OUTSIDE-THE-RENDERER-FOLDER';
let root: string;
let server: RunningServer;
const logged: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-web-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia test page</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  // Files a traversal would reach: beside the renderer folder, and one level up.
  await writeFile(join(root, 'package.json'), SECRET);
  await writeFile(join(root, 'renderer-secret.txt'), SECRET);
  const corpus = join(root, 'corpus');
  await mkdir(corpus);
  await writeFile(join(corpus, 'first.txt'), 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n');
  await writeFile(join(corpus, 'second.txt'), 'Flood update\r\n\r\nAbout 3.5 km of road was closed near Elmfield, officials said.\r\n');
  await mkdir(join(root, 'sample'));
  server = await startServer({
    port: 0,
    dataDir: join(root, 'data'),
    openPaths: [corpus],
    rendererDir,
    sampleCorpusDir: join(root, 'sample'),
    log: (message) => logged.push(message),
  });
  await server.initialLoad;
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const page = (path: string, headers: Record<string, string> = {}) => rawRequest({ port: server.port, path, headers });

describe('launch', () => {
  it('listens on 127.0.0.1 and hands out a 32-character token in the URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('reports a port that is already taken as a one-line error', async () => {
    const error = await startServer({
      port: server.port,
      dataDir: join(root, 'data-2'),
      rendererDir: join(root, 'renderer'),
      sampleCorpusDir: join(root, 'sample'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerStartError);
    expect((error as ServerStartError).code).toBe('EADDRINUSE');
    expect((error as Error).message).toBe(`Marginalia: port ${server.port} is already in use on 127.0.0.1; choose another with --port N`);
  });
});

describe('token', () => {
  it('serves the page with the token, sets no cookie, and sends the security headers', async () => {
    const response = await page(`/?token=${server.token}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain('Marginalia test page');
    // Cookies ignore ports: any other server on 127.0.0.1 would receive a cookie set here.
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses the entry page without a token or with a wrong one (403) with a page that says how to get the address', async () => {
    const refused = await page('/');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(refused.body).toContain('npm run serve');
    expect(refused.body).toContain(`http://127.0.0.1:${server.port}/?token=`);
    expect(refused.body).not.toContain(server.token);
    const old = await page('/index.html?token=wrong');
    expect(old.status).toBe(403);
    expect(old.body).toContain('restarted');
    expect((await page(`/?token=${server.token.slice(0, -1)}`)).status).toBe(403);
  });

  it('serves the built scripts without a token: they hold no data', async () => {
    const response = await page('/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses API calls without the header or with a wrong one (403), whatever the cookies', async () => {
    const missing = await callApi(server.port, '', 'getSession', []);
    expect(missing.status).toBe(403);
    expect(missing.json).toEqual({ error: expect.stringMatching(/token/i), status: 403 });
    expect((await callApi(server.port, 'wrong', 'getSession', [])).status).toBe(403);
    const cookieOnly = await rawRequest({ port: server.port, path: '/api/getSession', method: 'POST', headers: { cookie: `marginalia_token=${server.token}` }, body: '{"args":[]}' });
    expect(cookieOnly.status).toBe(403);
  });

  it('answers API calls with the token', async () => {
    const response = await callApi(server.port, server.token, 'getSession', []);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const session = (response.json as { result: SessionInfo }).result;
    expect(session.host).toBe('web');
    expect(session.dataDir).toBe(join(root, 'data'));
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `127.0.0.1.evil.example:${server.port}`]) {
      expect((await page(`/?token=${server.token}`, { host })).status, host).toBe(403);
      expect((await callApi(server.port, server.token, 'getSession', [], { host })).status, host).toBe(403);
    }
  });

  it('accepts localhost:PORT as Host', async () => {
    expect((await callApi(server.port, server.token, 'getSession', [], { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin even with the token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${server.port}`, `https://127.0.0.1:${server.port}`, 'null']) {
      const response = await callApi(server.port, server.token, 'getSession', [], { origin });
      expect(response.status, origin).toBe(403);
      expect(response.json).toEqual({ error: 'Forbidden: cross-origin request' });
    }
  });

  it('accepts our own Origin', async () => {
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
      expect((await callApi(server.port, server.token, 'getSession', [], { origin })).status, origin).toBe(200);
    }
  });
});

describe('static files', () => {
  const attempts = [
    '/../package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '/%252e%252e/package.json',
    '/../renderer-secret.txt',
    '/../../../../../../etc/passwd',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/assets/app.js%00.html',
    '/assets/%E0%A4%A',
  ];

  it.each(attempts)('refuses %s without reading outside the renderer folder', async (path) => {
    const response = await page(path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toMatch(/root:.*:0:0:/);
  });

  it('answers 404 for an unknown file', async () => {
    expect((await page('/assets/missing.js')).status).toBe(404);
  });

  it('refuses other methods', async () => {
    expect((await rawRequest({ port: server.port, path: '/', method: 'PUT' })).status).toBe(405);
  });
});

describe('API', () => {
  it('lists the two opened files as documents', async () => {
    const response = await callApi(server.port, server.token, 'getCorpusStatus', []);
    expect(response.status).toBe(200);
    const status = (response.json as { result: CorpusStatus }).result;
    expect(status.documents.map((d) => d.fileName).sort()).toEqual(['first.txt', 'second.txt']);
    const second = status.documents.find((d) => d.fileName === 'second.txt');
    const doc = await callApi(server.port, server.token, 'getDocument', [second?.id]);
    expect((doc.json as { result: { text: string } }).result.text).not.toContain('\r');
  });

  it('answers chooseAndOpen with null: the page asks for a path instead', async () => {
    expect((await callApi(server.port, server.token, 'chooseAndOpen', ['folder'])).json).toEqual({ result: null });
  });

  it('returns exports as a download', async () => {
    const response = await callApi(server.port, server.token, 'exportAnnotations', [{ scope: 'all', includeText: true }]);
    expect(response.status).toBe(200);
    const result = (response.json as { result: { kind: string; fileName: string; content: string; documents: number } }).result;
    expect(result.kind).toBe('download');
    expect(result.fileName).toMatch(/\.json$/);
    expect(JSON.parse(result.content)).toMatchObject({ format: 'marginalia/annotations', version: 2 });
    expect(result.documents).toBe(2);
    const older = await callApi(server.port, server.token, 'exportAnnotations', [{ scope: 'all', includeText: false, version: 1.1 }]);
    expect(JSON.parse((older.json as { result: { content: string } }).result.content)).toMatchObject({ version: 1.1 });
  });

  it('rejects invalid arguments with 400 and names the field', async () => {
    const badId = await callApi(server.port, server.token, 'getDocument', ['not-a-digest']);
    expect(badId.status).toBe(400);
    expect(badId.json).toEqual({ error: expect.stringContaining('args[0]'), status: 400 });
    const badScope = await callApi(server.port, server.token, 'exportAnnotations', [{ scope: 'everything', includeText: true }]);
    expect(badScope.status).toBe(400);
    expect((badScope.json as { error: string }).error).toContain('args[0].scope');
    const missing = await callApi(server.port, server.token, 'openPaths', [['/tmp']]);
    expect(missing.status).toBe(400);
    expect((missing.json as { error: string }).error).toBe('Invalid argument args[1] is missing (the method takes 2 arguments, got 1)');
    const extra = await callApi(server.port, server.token, 'getSession', [1]);
    expect((extra.json as { error: string }).error).toBe('Invalid argument args[0] is not expected (the method takes 0 arguments, got 1)');
  });

  it('rejects invalid JSON and bodies of the wrong shape with 400', async () => {
    const headers = { 'x-marginalia-token': server.token, 'content-type': 'application/json' };
    const notJson = await rawRequest({ port: server.port, path: '/api/getSession', method: 'POST', headers, body: '{"args": [' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({ error: 'The request body is not valid JSON', status: 400 });
    const wrongShape = await rawRequest({ port: server.port, path: '/api/getSession', method: 'POST', headers, body: '{"args": 5}' });
    expect(wrongShape.status).toBe(400);
  });

  it('answers 404 for an unknown method, including inherited object keys', async () => {
    for (const method of ['noSuchMethod', 'constructor', '__proto__', 'toString']) {
      const response = await callApi(server.port, server.token, method, []);
      expect(response.status, method).toBe(404);
      expect((response.json as { error: string }).error).toContain('Unknown API method');
    }
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const big = JSON.stringify({ args: ['x'.repeat(1024 * 1024 + 10)] });
    const response = await rawRequest({
      port: server.port,
      path: '/api/dismissNotice',
      method: 'POST',
      headers: { 'x-marginalia-token': server.token, 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ error: 'Request too large: dismissNotice accepts at most 1 MB' });
  });

  it('accepts uploads over 1 MB for addFiles', async () => {
    const text = `Upload test\n\n${'The council said 12 bridges were inspected. '.repeat(30_000)}`;
    const response = await callApi(server.port, server.token, 'addFiles', [[{ name: 'big-upload.txt', base64: Buffer.from(text).toString('base64') }]]);
    expect(response.status).toBe(200);
    const status = (response.json as { result: CorpusStatus }).result;
    expect(status.documents.some((d) => d.fileName === 'big-upload.txt')).toBe(true);
  });

  it('never sends a stack trace', async () => {
    const unknownDoc = await callApi(server.port, server.token, 'getDocument', ['0'.repeat(64)]);
    expect(unknownDoc.status).toBeGreaterThanOrEqual(400);
    expect(unknownDoc.body).not.toMatch(/\n\s+at /);
    expect(unknownDoc.json).toEqual({ error: expect.any(String), status: 404 });
  });
});
