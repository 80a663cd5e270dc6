import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAMPLE_CORPUS } from '../support/corpus';
import { makeDataDir, type RunningHost, startHost } from '../support/web-host';
import { expect, test } from './fixtures';

function get(host: RunningHost, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{"args":[]}' : undefined);
  });
}

test('the browser host refuses requests without the per-launch token, or from a foreign Host or Origin', async () => {
  const host = await startHost({ dataDir: await makeDataDir(), open: [SAMPLE_CORPUS] });
  try {
    const json = { 'Content-Type': 'application/json' };
    expect(await get(host, '/')).toBe(403);
    expect(await get(host, '/?token=wrong')).toBe(403);
    expect(await get(host, '/api/getSession', json, 'POST')).toBe(403);
    expect(await get(host, '/api/getSession', { ...json, 'X-Marginalia-Token': 'wrong' }, 'POST')).toBe(403);
    const ok = { ...json, 'X-Marginalia-Token': host.token };
    expect(await get(host, '/api/getSession', ok, 'POST')).toBe(200);
    expect(await get(host, `/?token=${host.token}`)).toBe(200);
    expect(await get(host, '/api/getSession', { ...ok, Origin: 'http://evil.example' }, 'POST')).toBe(403);
    expect(await get(host, '/api/getSession', { ...ok, Host: `evil.example:${host.port}` }, 'POST')).toBe(403);
  } finally {
    await host.stop();
  }
});

test('after the app is opened, a server on another local port receives no usable token', async ({ page }) => {
  const host = await startHost({ dataDir: await makeDataDir(), open: [SAMPLE_CORPUS] });
  const seen: Record<string, string | string[] | undefined>[] = [];
  const other = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<p>another local server</p>');
  });
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
  const otherPort = (other.address() as AddressInfo).port;
  try {
    await page.goto(host.url);
    await expect(page.getByRole('region', { name: 'Article text' })).toBeVisible();
    // Cookies ignore ports: whatever the app set would now go to this server too.
    await page.goto(`http://127.0.0.1:${otherPort}/`);
    await page.evaluate(() => fetch('/probe', { credentials: 'include' }));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const headers of seen) {
      expect(JSON.stringify(headers)).not.toContain(host.token);
      // Whatever cookie it got, it does not open the API of the app's port.
      const cookie = typeof headers.cookie === 'string' ? headers.cookie : '';
      for (const value of cookie.split(';').map((part) => part.split('=').slice(1).join('=').trim())) {
        expect(await get(host, '/api/getSession', { 'Content-Type': 'application/json', 'X-Marginalia-Token': value || 'none' }, 'POST')).toBe(403);
      }
    }
    // And the page without its token explains how to get the address rather than showing an empty app.
    await page.goto(`${host.origin}/`);
    await expect(page.getByRole('heading', { name: 'Open Marginalia with its address' })).toBeVisible();
    await expect(page.getByText('npm run serve').first()).toBeVisible();
  } finally {
    other.close();
    await host.stop();
  }
});
