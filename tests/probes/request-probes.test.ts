// Hostile requests against the browser host beyond main/web/server.test.ts: tokens in the wrong
// place, forged Host and Origin, malformed request lines and oversize bodies. Every one is
// refused, the host keeps serving, and nothing outside the data dir is read or written.
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVE_BODY_LIMIT } from '../../main/web/api-routes';
import { callApi, rawRequest } from '../../main/web/test-http';
import { changesOutside, snapshotTree, type TreeSnapshot } from '../support/fs-snapshot';
import { openProbeSandbox, type ProbeSandbox, SECRET } from './probe-sandbox';
import { sendRaw } from './raw-socket';

let box: ProbeSandbox;
let before: TreeSnapshot;
let port: number;
let token: string;

beforeAll(async () => {
  box = await openProbeSandbox();
  ({ port, token } = box.server);
  before = await snapshotTree(box.root);
});

afterAll(async () => {
  await box?.server.close();
  if (box) await rm(box.root, { recursive: true, force: true });
});

const session = (headers: Record<string, string | string[]> = {}) =>
  rawRequest({ port, path: '/api/getSession', method: 'POST', headers: { 'content-type': 'application/json', ...(headers as Record<string, string>) }, body: '{"args":[]}' });

describe('token', () => {
  it('refuses API calls whose token is only in the query string or cookie, or is close but wrong', async () => {
    expect((await rawRequest({ port, path: `/api/getSession?token=${token}`, method: 'POST', body: '{"args":[]}' })).status).toBe(403);
    expect((await session({ cookie: `marginalia_token=${token}` })).status).toBe(403);
    // (Surrounding spaces are not tried: HTTP strips them from header values by definition.)
    for (const wrong of [token.toUpperCase(), token.toLowerCase(), `${token}x`, token.slice(1), `${token.slice(0, -1)}=`, '']) {
      if (wrong === token) continue;
      expect((await session({ 'x-marginalia-token': wrong })).status, JSON.stringify(wrong)).toBe(403);
    }
  });

  it('refuses a token header sent twice (joined by Node into "t, t")', async () => {
    expect((await session({ 'x-marginalia-token': [token, token] })).status).toBe(403);
  });

  it('refuses the page with the token of another launch, in the address or a cookie', async () => {
    expect((await rawRequest({ port, path: `/?token=${'A'.repeat(32)}` })).status).toBe(403);
    expect((await rawRequest({ port, path: '/', headers: { cookie: `marginalia_token=${token}` } })).status).toBe(403);
  });
});

describe('Host and Origin (DNS rebinding, cross-site)', () => {
  it('refuses a request with no Host header at all (HTTP/1.0)', async () => {
    const reply = await sendRaw(port, `GET /?token=${token} HTTP/1.0\r\n\r\n`);
    expect(reply.status).toBe(403);
    expect(reply.text).not.toContain('<title>');
  });

  it('refuses look-alike Host names even with the token', async () => {
    for (const host of [`localhost.evil.example:${port}`, `127.0.0.1:${port}.evil.example`, `[::1]:${port}`, `0.0.0.0:${port}`, `127.0.0.2:${port}`, `LOCALHOST.:${port}`]) {
      expect((await session({ 'x-marginalia-token': token, host })).status, host).toBe(403);
      expect((await rawRequest({ port, path: `/?token=${token}`, headers: { host } })).status, host).toBe(403);
    }
  });

  it('refuses look-alike Origins even with the token', async () => {
    for (const origin of [`http://127.0.0.1:${port}.evil.example`, `http://localhost:${port}@evil.example`, `file://`, `chrome-extension://abc`, `http://127.0.0.1`]) {
      expect((await session({ 'x-marginalia-token': token, origin })).status, origin).toBe(403);
    }
  });

  it('refuses an absolute-form request target that points elsewhere', async () => {
    const reply = await sendRaw(port, `GET http://127.0.0.1:${port}/../secret.txt?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect([400, 403, 404]).toContain(reply.status);
    expect(reply.text).not.toContain(SECRET);
  });
});

describe('oversize requests', () => {
  it('answers 413 to an upload that declares more than 100 MB, without waiting for it', async () => {
    const status = await new Promise<number>((resolveStatus, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/addFiles', method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-marginalia-token': token, 'content-length': String(200 * 1024 * 1024) } },
        (res) => {
          res.resume();
          resolveStatus(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.write(Buffer.alloc(1024 * 1024, 0x20)); // 1 MB of the promised 200, then nothing
    });
    expect(status).toBe(413);
  });

  it('answers 413 to a chunked body over the save limit (no Content-Length to trust)', async () => {
    const status = await new Promise<number>((resolveStatus, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/saveRecords', method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-marginalia-token': token, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolveStatus(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let written = 0; written <= SAVE_BODY_LIMIT; written += 512 * 1024) req.write(Buffer.alloc(512 * 1024, 0x20));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('refuses a 20 kB request line and a 64 kB header (431/414/400), and keeps serving', async () => {
    const longPath = await sendRaw(port, `GET /${'a'.repeat(20_000)}?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect([400, 414, 431]).toContain(longPath.status);
    const longHeader = await sendRaw(port, `POST /api/getSession HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Marginalia-Token: ${token}\r\nX-Pad: ${'p'.repeat(64_000)}\r\nContent-Length: 11\r\n\r\n{"args":[]}`);
    expect([400, 431]).toContain(longHeader.status);
  });

  it('answers 400 to JSON nested 100,000 deep, and to a 1,000-change batch of nonsense', async () => {
    const deep = `{"args":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const nested = await rawRequest({ port, path: '/api/getDocument', method: 'POST', headers: { 'x-marginalia-token': token }, body: deep });
    expect(nested.status).toBe(400);
    const junk = Array.from({ length: 1000 }, (_, i) => ({ kind: 'span', id: `x${i}`, target: { start: -1 } }));
    const batch = await callApi(port, token, 'saveRecords', ['0'.repeat(64), junk]);
    expect(batch.status).toBe(400);
    expect(batch.body.length).toBeLessThan(20_000); // the message is bounded, not one line per change
  });
});

describe('afterwards', () => {
  it('still answers, and nothing outside the data dir was written', async () => {
    expect((await callApi(port, token, 'getSession', [])).status).toBe(200);
    const after = await snapshotTree(box.root);
    expect(changesOutside(before, after, [box.dataDir.slice(box.root.length + 1)])).toEqual([]);
    expect(box.logged.join('\n')).not.toContain(SECRET);
  });
});
