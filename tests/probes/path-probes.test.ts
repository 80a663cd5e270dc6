// Path traversal in every parameter that names a file, against the browser host on real temp
// folders: static paths (including symlinks out of the renderer folder), uploaded file names,
// document ids, the export's file name, and openPaths. The filesystem is compared before and
// after: nothing outside the data dir may change, and no secret may be served.
//
// openPaths is by design the analyst opening any folder they choose (the browser host has no
// native dialog; its token is the analyst's). So it may READ anywhere the analyst points it,
// but it must never WRITE there: that is what is asserted for it.
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusStatus, ExportResult } from '../../shared/api';
import { callApi, rawRequest } from '../../main/web/test-http';
import { changesOutside, snapshotTree, type TreeSnapshot } from '../support/fs-snapshot';
import { openProbeSandbox, type ProbeSandbox, SECRET } from './probe-sandbox';

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

const api = async <T>(method: string, ...args: unknown[]): Promise<{ status: number; result: T; error?: string }> => {
  const response = await callApi(port, token, method, args);
  const json = response.json as { result: T; error?: string };
  return { status: response.status, result: json?.result, error: json?.error };
};

describe('static files', () => {
  it('does not follow symlinks out of the renderer folder', async () => {
    for (const path of ['/assets/leak.js', '/leakdir/secret.txt', '/leakdir/../secret.txt']) {
      const response = await rawRequest({ port, path });
      expect([400, 404], path).toContain(response.status);
      expect(response.body).not.toContain(SECRET);
    }
  });

  it('refuses more encodings of ".." and absolute paths', async () => {
    const attempts = ['/%2e%2e/secret.txt', '/.%2e/secret.txt', '/%c0%ae%c0%ae/secret.txt', '/..;/secret.txt', '/assets/..%5c..%5csecret.txt', `/${encodeURIComponent(join(box.root, 'secret.txt'))}`, '/C:%5csecret.txt', '/%00', '/....//secret.txt'];
    for (const path of attempts) {
      const response = await rawRequest({ port, path });
      expect([400, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain(SECRET);
    }
  });
});

describe('uploaded file names (addFiles)', () => {
  const hostile = [
    '../../x.txt',
    '../../../../../../../../x.txt',
    '..\\..\\x.txt',
    '..\\x.txt',
    '/abs/x.txt',
    'C:\\Windows\\x.txt',
    'nul\u0000byte.txt',
    'x.txt\u0000.sh',
    '..',
    '.',
    '.hidden.txt',
    'con.txt',
    'x.json',
    `${'long'.repeat(60)}.txt`,
    '\u202Etxt.exe',
  ];

  it('saves every upload under a plain name inside dataDir/documents, and nowhere else', async () => {
    const files = hostile.map((name, i) => ({ name, base64: Buffer.from(`Upload ${i}\n\nThe council said ${i} bridges were inspected.\n`).toString('base64') }));
    const { status, result } = await api<CorpusStatus>('addFiles', files);
    expect(status).toBe(200);
    const uploaded = result.documents.filter((d) => d.path.startsWith('uploaded/'));
    expect(uploaded).toHaveLength(hostile.length);
    for (const doc of uploaded) expect(doc.fileName).toMatch(/^[^/\\\0:]+\.(txt|md)$/);
    const saved = await readdir(box.documentsDir, { withFileTypes: true });
    expect(saved.every((e) => e.isFile())).toBe(true);
    expect(saved.map((e) => e.name).sort()).toEqual(uploaded.map((d) => d.fileName).sort());
    // Where each name would have landed had it been joined as given: nothing is there.
    for (const name of hostile) {
      for (const candidate of [resolve(box.documentsDir, name), resolve(box.documentsDir, name.replaceAll('\\', '/'))]) {
        const insideOrAncestor = candidate.startsWith(box.documentsDir) || box.documentsDir.startsWith(candidate);
        if (insideOrAncestor || candidate.includes('\u0000')) continue;
        expect(existsSync(candidate), candidate).toBe(false);
      }
    }
    expect(existsSync('/abs/x.txt')).toBe(false);
  });
});

describe('document ids', () => {
  const traversalIds = ['../../secret', `${'0'.repeat(63)}/`, '..%2f..%2fsecret', `${'a'.repeat(64)}\u0000`, `/${'a'.repeat(63)}`, 'C:\\x'];

  it('refuses any id that is not a SHA-256 digest with 400, in every method that takes one', async () => {
    for (const id of traversalIds) {
      expect((await api('getDocument', id)).status, id).toBe(400);
      expect((await api('listRecords', id)).status, id).toBe(400);
      expect((await api('saveRecords', id, [{ kind: 'span', id: 'x' }])).status, id).toBe(400);
      expect((await api('exportAnnotations', { scope: 'document', docId: id, includeText: true })).status, id).toBe(400);
    }
  });

  it('keeps annotation ids that look like paths as data: no file is named after them', async () => {
    const status = (await api<CorpusStatus>('getCorpusStatus')).result;
    const doc = status.documents.find((d) => d.fileName === 'harbour.txt');
    if (!doc) throw new Error('harbour.txt did not load');
    const text = (await api<{ text: string }>('getDocument', doc.id)).result.text;
    const start = text.indexOf('mayor');
    const at = '2026-03-14T09:30:00.000Z';
    await api('updateSettings', { analystName: 'Probe' });
    const creator = (await api<{ analyst: unknown }>('getSession')).result.analyst;
    const span = {
      kind: 'span', id: '../../../../pwned.txt', creator, rev: 1, createdAt: at, updatedAt: at, tag: 'claim', note: '',
      target: { docId: doc.id, start, end: start + 5, quote: 'mayor', prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + 5, start + 37) },
    };
    expect((await api('saveRecords', doc.id, [span])).status).toBe(200);
    expect((await api<{ id: string }[]>('listRecords', doc.id)).result.map((a) => a.id)).toContain('../../../../pwned.txt');
    const names = await readdir(join(box.dataDir, 'records'));
    expect(names.every((n) => /^[0-9a-f]{64}\.(json|journal)$/.test(n))).toBe(true);
  });
});

describe('export file name', () => {
  it('is a plain slug even when the title is made of path tricks', async () => {
    const status = (await api<CorpusStatus>('getCorpusStatus')).result;
    const evil = status.documents.find((d) => d.fileName === 'evil-title.txt');
    if (!evil) throw new Error('evil-title.txt did not load');
    const exported = (await api<ExportResult>('exportAnnotations', { scope: 'document', docId: evil.id, includeText: false })).result;
    if (exported.kind !== 'download') throw new Error(`expected a download, got ${exported.kind}`);
    expect(exported.fileName).toMatch(/^marginalia-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
    const all = (await api<ExportResult>('exportAnnotations', { scope: 'all', includeText: true })).result;
    expect(all.kind === 'download' && all.fileName).toMatch(/^marginalia-all-documents-\d{4}-\d{2}-\d{2}\.json$/);
  });
});

describe('openPaths (the analyst opening a folder: may read there, never writes there)', () => {
  it('opens a folder outside the data dir, and saving and exporting write only inside the data dir', async () => {
    const { status } = await api<CorpusStatus>('openPaths', [join(box.root, 'nest', '..', 'corpus')], 'add');
    expect(status).toBe(200);
    expect((await api('updateSettings', { analystName: 'Probe' })).status).toBe(200);
    expect((await api('exportAnnotations', { scope: 'all', includeText: true })).status).toBe(200);
  });

  it('reports odd paths (NUL, relative climbs to nowhere, a file as a folder) as skipped instead of failing', async () => {
    const odd = [join(box.root, 'corpus\u0000evil'), join(box.root, 'no', '..', '..', 'missing-folder'), join(box.root, 'secret.txt', 'child')];
    const response = await api<CorpusStatus>('openPaths', odd, 'add');
    expect([200, 400]).toContain(response.status);
    await box.server.core.whenLoaded();
    expect((await api('getSession')).status).toBe(200);
    for (const path of odd) expect(isAbsolute(path)).toBe(true);
  });
});

describe('afterwards', () => {
  it('nothing outside the data dir was added, removed or changed', async () => {
    await box.server.core.whenLoaded();
    const after = await snapshotTree(box.root);
    expect(changesOutside(before, after, [box.dataDir.slice(box.root.length + 1)])).toEqual([]);
    // ...and inside it, only the app's own folders and files.
    expect((await readdir(box.dataDir)).sort()).toEqual(['config.json', 'data-version.json', 'document-index.json', 'document-states.json', 'documents', 'host-address.txt', 'marginalia.lock', 'marginalia.lock.json', 'records', 'texts']);
  });
});
