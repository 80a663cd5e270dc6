// The review API over HTTP: importAnnotations takes file contents beyond the 1 MB API limit,
// a bad file answers 400 with the problem's path, and the agreement calls validate their args.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport, AnalystSummary, CorpusStatus, ImportResult } from '../../shared/api';
import { type RunningServer, startServer } from './start-server';
import { callApi } from './test-http';

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-import-api-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  await mkdir(join(root, 'corpus'));
  await writeFile(join(root, 'corpus', 'harbour.txt'), 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n');
  server = await startServer({ port: 0, dataDir: join(root, 'data'), openPaths: [join(root, 'corpus')], rendererDir, sampleCorpusDir: join(root, 'corpus'), log: () => undefined });
  await server.initialLoad;
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const call = (method: string, args: unknown[]) => callApi(server.port, server.token, method, args);

describe('review API over HTTP', () => {
  it('imports a file larger than 1 MB, then reports agreement and analysts', async () => {
    const status = (await call('getCorpusStatus', [])).json as { result: CorpusStatus };
    const doc = status.result.documents[0];
    if (!doc) throw new Error('not loaded');
    const text = 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n';
    const at = text.indexOf('40 boats'); // ASCII: UTF-16 and code point offsets agree
    const file = {
      format: 'marginalia/annotations',
      version: 1.1,
      offsetUnit: 'codepoint',
      exportedAt: '2026-03-14T10:00:00.000Z',
      exportedBy: 'Ben',
      documents: [
        {
          id: doc.id,
          title: doc.title,
          fileName: doc.fileName,
          length: [...text].length,
          annotations: [
            { id: 'b1', type: 'figure', start: at, end: at + 8, quote: '40 boats', prefix: '', suffix: '', note: 'x'.repeat(99_000), author: 'Ben', createdAt: '2026-03-14T10:00:00.000Z', updatedAt: '2026-03-14T10:00:00.000Z' },
          ],
        },
      ],
    };
    const content = JSON.stringify(file, null, 2) + ' '.repeat(1_100_000); // over the 1 MB API body limit
    const imported = await call('importAnnotations', [content, 'ben.json']);
    expect(imported.status).toBe(200);
    // a 1.1 file names its authors only: Ben is a layer by name
    const ben = { id: 'name:Ben', name: 'Ben', kind: 'person' };
    expect((imported.json as { result: ImportResult }).result).toMatchObject({ version: 1.1, documentsMatched: 1, annotationsAdded: 1, authors: [ben] });

    const analysts = await call('listAnalysts', []);
    expect((analysts.json as { result: AnalystSummary[] }).result).toEqual([{ ...ben, annotations: 1, documents: 1 }]);
    const agreement = await call('getAgreement', ['name:Ben', 'name:Ana', 'all']);
    expect(agreement.status).toBe(200);
    expect((agreement.json as { result: AgreementReport }).result.summary.overall.exact).toMatchObject({ countA: 1, countB: 0, recall: 0, precision: null });
    expect((await call('listImportOrphans', [])).json).toEqual({ result: [] });
  });

  it('exports version 2 or 1.1 as asked, and reads either back (nothing changes)', async () => {
    const status = (await call('getCorpusStatus', [])).json as { result: CorpusStatus };
    const docId = status.result.documents[0]?.id;
    for (const version of [undefined, 2, 1.1]) {
      const request = { scope: 'document', docId, includeText: false, ...(version === undefined ? {} : { version }) };
      const exported = await call('exportAnnotations', [request]);
      expect(exported.status).toBe(200);
      const result = (exported.json as { result: { kind: string; content: string; annotations: number } }).result;
      expect(result).toMatchObject({ kind: 'download', annotations: 1 });
      const file = JSON.parse(result.content) as { version: number; documents: { annotations: Record<string, unknown>[] }[] };
      expect(file.version).toBe(version ?? 2);
      expect(file.documents[0]?.annotations[0]).toMatchObject(version === 1.1 ? { id: 'b1', author: 'Ben' } : { id: 'b1', author: 'Ben', creator: { id: 'name:Ben' }, rev: 1 });
      const again = await call('importAnnotations', [result.content, 'self.json']);
      expect((again.json as { result: ImportResult }).result).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, unchanged: 1 });
    }
    const refused = await call('exportAnnotations', [{ scope: 'all', includeText: false, version: 1 }]);
    expect(refused.status).toBe(400);
  });

  it('answers a bad file with 400 and the path of the problem', async () => {
    const bad = await call('importAnnotations', ['{"format":"marginalia/annotations","version":3}', 'x.json']);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: '“x.json” was not imported, and nothing was changed: version: 3 is not supported; this Marginalia reads versions 1, 1.1 and 2.', status: 400 });
    // An absent name arrives as null through JSON.
    const unnamed = await call('importAnnotations', ['[]', null]);
    expect(unnamed.json).toEqual({ status: 400, error: 'The file was not imported, and nothing was changed: the top level is an array, not an object: this is not a Marginalia annotations export.' });
  });

  it('validates the agreement scope', async () => {
    const response = await call('getAgreement', ['Ben', 'Ana', 'everything']);
    expect(response.status).toBe(400);
    expect((response.json as { error: string }).error).toContain('args[2]');
  });
});
