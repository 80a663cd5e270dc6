// One process per data dir, and a data dir private to the user: real host processes.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { SERVER_ENTRY, startHostProcess } from '../support/host-process';
import { seededRng } from '../support/seeded';
import { type SyntheticDocument, buildSpan, randomSpan, wordSpans, writeSyntheticCorpus } from '../support/synthetic-corpus';

let root: string;
let corpusDir: string;
let docs: SyntheticDocument[];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-data-dir-'));
  corpusDir = join(root, 'corpus');
  docs = await writeSyntheticCorpus(corpusDir, seededRng(11), 1, 10);
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function tags(count: number, prefix: string, creator: Creator): SpanRecord[] {
  const rng = seededRng(count);
  const doc = docs[0] as SyntheticDocument;
  return Array.from({ length: count }, (_, i) => {
    const [start, end] = randomSpan(rng, wordSpans(doc.text));
    return buildSpan(doc, { id: `${prefix}-${i}`, tag: 'place', start, end }, creator);
  });
}

/** Runs a second host to its exit; resolves with its exit code and output. */
function runToExit(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [SERVER_ENTRY, '--port', '0', '--data-dir', dataDir, '--open', corpusDir]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((done) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

describe('the data dir lock', () => {
  it('a second host on the same data dir refuses to start, naming the holder; the first keeps its data', async () => {
    const dataDir = join(root, 'locked');
    const first = await startHostProcess({ dataDir, open: [corpusDir] });
    try {
      await first.whenLoaded(1);
      const ana = await first.nameAnalyst('Ana');
      const saved = tags(10, 'a', ana);
      await first.call('saveRecords', docs[0]?.id, saved);

      const second = await runToExit(dataDir);
      expect(second.code).toBe(1);
      expect(second.stdout).not.toContain('serving');
      const lines = second.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(
        `Marginalia: the data folder ${dataDir} is in use by the browser host (npm run serve on port ${first.port}), process ${first.child.pid}, since ${lines[0]?.match(/since (\S+)\./)?.[1]}. Close it first, or choose another data folder (--data-dir DIR).`,
      );

      // The first host's annotations are intact, and it still saves.
      const listed = await first.call<MarginaliaRecord[]>('listRecords', docs[0]?.id);
      expect(listed.map((a) => a.id).sort()).toEqual(saved.map((a) => a.id).sort());
      await first.call('saveRecords', docs[0]?.id, tags(1, 'after', ana));
    } finally {
      expect((await first.stop('SIGTERM')).code).toBe(0);
    }
    // Released on a clean exit: nothing of the lock is left behind.
    expect((await readdir(dataDir)).filter((n) => n.startsWith('marginalia.lock'))).toEqual([]);
  });

  it('a lock left by a killed host is recovered at once, with every acknowledged change', async () => {
    const dataDir = join(root, 'killed');
    const first = await startHostProcess({ dataDir, open: [corpusDir] });
    await first.whenLoaded(1);
    const saved = tags(5, 'k', await first.nameAnalyst('Ana'));
    await first.call('saveRecords', docs[0]?.id, saved);
    await first.stop('SIGKILL');
    expect((await readdir(dataDir)).filter((n) => n.startsWith('marginalia.lock')).sort()).toEqual(['marginalia.lock', 'marginalia.lock.json']);
    const next = await startHostProcess({ dataDir, open: [corpusDir] });
    try {
      await next.whenLoaded(1);
      expect((await next.call<MarginaliaRecord[]>('listRecords', docs[0]?.id)).map((a) => a.id).sort()).toEqual(saved.map((a) => a.id).sort());
    } finally {
      await next.stop('SIGTERM');
    }
  });
});

describe('permissions', () => {
  it('the data dir is 0700 and every file the app writes is 0600, including files from before this rule', async () => {
    const dataDir = join(root, 'private');
    // A data dir written by an older version, with world-readable files.
    await mkdir(join(dataDir, 'annotations'), { recursive: true, mode: 0o755 });
    await writeFile(join(dataDir, 'config.json'), '{"analystName":"Ana"}', { mode: 0o644 });
    await chmod(dataDir, 0o755);
    const host = await startHostProcess({ dataDir, open: [corpusDir] });
    try {
      await host.whenLoaded(1);
      // Writes of every kind: a journal line, an upload, an import with an orphan, settings.
      await host.call('saveRecords', docs[0]?.id, tags(3, 'p', await host.nameAnalyst('Ana')));
      await host.call('addFiles', [{ name: 'dropped.txt', base64: Buffer.from('Dropped article\n\nSome words here.\n').toString('base64') }]);
      await host.call('updateSettings', { wordSnap: false });
      const orphanExport = {
        format: 'marginalia/annotations',
        version: 1.1,
        offsetUnit: 'codepoint',
        exportedAt: '2026-03-14T09:30:00.000Z',
        exportedBy: 'Ben',
        documents: [{ id: docs[0]?.id, title: 'x', fileName: 'article-01.txt', length: [...(docs[0]?.text ?? '')].length, annotations: [{ id: 'lost', type: 'claim', start: 0, end: 5, quote: 'qqqqq', prefix: '', suffix: '', note: '', author: 'Ben', createdAt: '2026-03-14T09:30:00.000Z', updatedAt: '2026-03-14T09:30:00.000Z' }] }],
      };
      await host.call('importAnnotations', JSON.stringify(orphanExport), 'ben.json');
    } finally {
      await host.stop('SIGTERM');
    }
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const kinds = new Set<string>();
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      const mode = (await stat(path)).mode & 0o777;
      kinds.add(entry.isDirectory() ? `dir ${entry.name}` : entry.name.replace(/[0-9a-f]{16,}/g, '<id>'));
      expect(mode, path).toBe(entry.isDirectory() ? 0o700 : 0o600);
    }
    // Every kind of file was there to check.
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['config.json', '<id>.journal', 'dropped.txt', '<id>.orphans.json', '<id>.txt', 'document-index.json', 'data-version.json', 'dir records', 'dir documents', 'dir imports', 'dir texts']),
    );
  });
});
