// The contract is one table: every call in it is implemented by the core, answered by the browser
// host, reachable from the renderer's client, and nothing answers a call that is not in it.
// (The desktop host uses the same dispatcher with its two dialog entries over the core's; the
// build-output test checks its IPC wiring.)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, API_METHODS } from '../../shared/api/contract';
import type { MarginaliaEvent } from '../../shared/api/events';
import { createApiClient } from '../../renderer/src/api/client';
import { type RunningServer, startServer } from '../../main/web/start-server';
import { callApi } from '../../main/web/test-http';
import { createApiHandlers } from '../../main/services/api/dispatch';

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-contract-'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  await mkdir(join(root, 'corpus'));
  await writeFile(join(root, 'corpus', 'a.txt'), 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n');
  server = await startServer({ port: 0, dataDir: join(root, 'data'), openPaths: [join(root, 'corpus')], rendererDir: join(root, 'renderer'), sampleCorpusDir: join(root, 'corpus'), log: () => {} });
  await server.initialLoad;
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the contract table', () => {
  it('every call is implemented by the core and present in the handler table', () => {
    const handlers = createApiHandlers(server.core);
    for (const method of API_METHODS) {
      expect(typeof server.core[method], method).toBe('function');
      expect(typeof handlers[method], method).toBe('function');
    }
    expect(Object.keys(handlers).sort()).toEqual([...API_METHODS].sort());
  });

  it('a host override replaces exactly the named entry', async () => {
    const handlers = createApiHandlers(server.core, { chooseAndOpen: async () => ({ loading: false, done: 0, total: 0, documents: [], skipped: [] }) });
    expect(await handlers.chooseAndOpen('folder')).toEqual({ loading: false, done: 0, total: 0, documents: [], skipped: [] });
    expect((await handlers.getSession()).host).toBe('web');
  });

  it('the browser host answers every call of the table, checks its arguments, and nothing else', async () => {
    for (const method of API_METHODS) {
      // A deliberately wrong argument list: validated by the table's schema, so 400 (not 404).
      const wrong = await callApi(server.port, server.token, method, ['not', 'these', 'arguments', 1, 2, 3]);
      expect(wrong.status, method).toBe(400);
      expect((wrong.json as { error: string }).error, method).toMatch(/^Invalid argument/);
    }
    const unknown = await callApi(server.port, server.token, 'deleteEverything', []);
    expect(unknown.status).toBe(404);
    expect(Object.keys(API)).toEqual(API_METHODS);
  });

  it('the renderer client has every call and reaches the host through a transport', async () => {
    const seen: string[] = [];
    const client = createApiClient(async (method, args) => {
      seen.push(method);
      const response = await callApi(server.port, server.token, method, args);
      return response.json as { result: unknown };
    });
    expect(Object.keys(client).sort()).toEqual([...API_METHODS].sort());
    expect((await client.getSession()).host).toBe('web');
    expect((await client.getCorpusStatus()).documents).toHaveLength(1);
    await expect(client.getDocument('0'.repeat(64))).rejects.toMatchObject({ status: 404 });
    expect(seen).toEqual(['getSession', 'getCorpusStatus', 'getDocument']);
  });
});

describe('ownership over the transport', () => {
  it('a save that changes another creator’s record is refused by the core (422) and writes nothing', async () => {
    await server.core.updateSettings({ analystName: 'Ana' });
    const status = await server.core.getCorpusStatus();
    const doc = await server.core.getDocument(status.documents[0]?.id ?? '');
    const quote = 'harbour';
    const start = doc.text.indexOf(quote);
    const cp = (n: number) => [...doc.text.slice(0, n)].length;
    const at = '2026-03-14T09:30:00.000Z';
    // Ben's span, from his 1.1 export: his layer (a name-based creator), not Ana's.
    const file = {
      format: 'marginalia/annotations', version: 1.1, offsetUnit: 'codepoint', exportedAt: at, exportedBy: 'Ben',
      documents: [{ id: doc.id, title: doc.title, fileName: doc.fileName, length: [...doc.text].length, annotations: [
        { id: 'ben-1', type: 'place', start: cp(start), end: cp(start + quote.length), quote, prefix: doc.text.slice(Math.max(0, start - 32), start), suffix: doc.text.slice(start + quote.length, start + quote.length + 32), note: '', author: 'Ben', createdAt: at, updatedAt: at },
      ] }],
    };
    await callApi(server.port, server.token, 'importAnnotations', [JSON.stringify(file), 'ben.json']);
    const stored = ((await callApi(server.port, server.token, 'listRecords', [doc.id])).json as { result: Record<string, unknown>[] }).result.find((r) => r.id === 'ben-1');
    expect(stored).toMatchObject({ creator: { id: 'name:Ben', name: 'Ben' }, rev: 1 });
    const edited = { ...stored, note: 'Ana edits it', rev: 2 };
    const refused = await callApi(server.port, server.token, 'saveRecords', [doc.id, [edited]]);
    expect(refused.status).toBe(422);
    expect((refused.json as { error: string }).error).toContain('annotation ben-1: it is Ben’s; only its creator can change it');
    const after = ((await callApi(server.port, server.token, 'listRecords', [doc.id])).json as { result: Record<string, unknown>[] }).result.find((r) => r.id === 'ben-1');
    expect(after).toEqual(stored);
  });
});

describe('events (Server-Sent Events)', () => {
  function openStream(token: string): Promise<{ status: number; events: MarginaliaEvent[]; close: () => void }> {
    return new Promise((resolve, reject) => {
      const events: MarginaliaEvent[] = [];
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { 'x-marginalia-token': token, host: `127.0.0.1:${server.port}` } }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split('\n').find((line) => line.startsWith('data: '));
            if (data) events.push(JSON.parse(data.slice(6)) as MarginaliaEvent);
          }
        });
        resolve({ status: res.statusCode ?? 0, events, close: () => req.destroy() });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end();
    });
  }

  it('refuses the stream without the token', async () => {
    const refused = await openStream('wrong');
    refused.close();
    expect(refused.status).toBe(403);
  });

  it('announces a saved batch with its window, and status changes', async () => {
    const stream = await openStream(server.token);
    try {
      expect(stream.status).toBe(200);
      const status = await callApi(server.port, server.token, 'getCorpusStatus', []);
      const doc = (status.json as { result: { documents: { id: string }[] } }).result.documents[0];
      const text = 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n';
      const start = text.indexOf('40 boats');
      await server.core.updateSettings({ analystName: 'Ana' });
      const creator = (await server.core.getSession()).analyst;
      const span = {
        kind: 'span', id: 'evt-1', creator, rev: 1, createdAt: '2026-03-14T09:30:00.000Z', updatedAt: '2026-03-14T09:30:00.000Z', tag: 'figure', note: '',
        target: { docId: doc?.id, start, end: start + 8, quote: '40 boats', prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + 8, start + 40) },
      };
      const saved = await callApi(server.port, server.token, 'saveRecords', [doc?.id, [span]], { 'x-marginalia-client': 'window-7' });
      expect(saved.status).toBe(200);
      await server.core.dismissNotice('none'); // no notice: nothing announced
      await expect.poll(() => stream.events.filter((e) => e.type === 'changes').length).toBe(1);
      const [changes] = stream.events.filter((e) => e.type === 'changes');
      expect(changes).toMatchObject({ type: 'changes', docId: doc?.id, origin: { kind: 'window', clientId: 'window-7' }, counts: { figure: 1 } });
      expect(changes?.type === 'changes' && changes.records.map((a) => [a.id, a.rev])).toEqual([['evt-1', 1]]);

      await callApi(server.port, server.token, 'openPaths', [[join(root, 'corpus')], 'add']);
      await expect.poll(() => stream.events.some((e) => e.type === 'corpus' && !e.status.loading)).toBe(true);
    } finally {
      stream.close();
    }
  });
});
