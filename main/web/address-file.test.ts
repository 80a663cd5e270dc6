// After a restart, a tab on the old address learns why nothing saves, and where the new address
// is: the host writes its address (with the token of this start) to host-address.txt in the data
// dir, private to the analyst; the old token gets a 403 on every API call, and the old page
// address a help page naming that file. Real hosts, started twice on the same port and data dir.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADDRESS_FILE } from './address-file';
import { type RunningServer, startServer } from './start-server';
import { callApi, rawRequest } from './test-http';

let root: string;
const running: RunningServer[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-address-'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>Marginalia test page</title>');
  await mkdir(join(root, 'corpus'));
  await writeFile(join(root, 'corpus', 'a.txt'), 'Harbour report\n\nThe mayor said 40 boats left.\n');
});
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
  await rm(root, { recursive: true, force: true });
});

async function start(port = 0): Promise<RunningServer> {
  const server = await startServer({
    port,
    dataDir: join(root, 'data'),
    openPaths: [join(root, 'corpus')],
    rendererDir: join(root, 'renderer'),
    sampleCorpusDir: join(root, 'corpus'),
    log: () => undefined,
  });
  running.push(server);
  await server.initialLoad;
  return server;
}

describe('host-address.txt', () => {
  it('holds the address of the running start, privately, and goes away when the host stops', async () => {
    const first = await start();
    const file = join(root, 'data', ADDRESS_FILE);
    expect(first.addressFile).toBe(file);
    expect(await readFile(file, 'utf8')).toBe(`${first.url}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await first.close();
    running.splice(0);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('after a restart on the same port: the old token is refused (403), the old page says where the new address is', async () => {
    const first = await start();
    const { port, token: oldToken, url: oldUrl } = first;
    expect((await callApi(port, oldToken, 'getSession', [])).status).toBe(200);
    await first.close();
    running.splice(0);

    const second = await start(port);
    expect(second.port).toBe(port);
    expect(second.token).not.toBe(oldToken);
    expect(await readFile(join(root, 'data', ADDRESS_FILE), 'utf8')).toBe(`${second.url}\n`);
    const refused = await callApi(port, oldToken, 'getSession', []);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ status: 403, error: expect.stringMatching(/^Forbidden: missing or wrong/) });
    const help = await rawRequest({ port, path: new URL(oldUrl).pathname + new URL(oldUrl).search });
    expect(help.status).toBe(403);
    expect(help.body).toContain('the server was restarted since');
    expect(help.body).toContain(join(root, 'data', ADDRESS_FILE));
    expect((await callApi(port, second.token, 'getSession', [])).status).toBe(200);
  });
});
