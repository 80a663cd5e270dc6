import { request as httpRequest } from 'node:http';
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
