// The store's first migration, on a data dir written by the version before records
// (tests/fixtures/data-dir-v1, made by tests/fixtures/make-data-dir-v1.ts with that build):
// every annotation, review decision and comment comes through as records of their makers, the
// old files are kept, and a second start changes nothing.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarginaliaRecord } from '../../shared/model/records';
import { createMarginaliaCore } from '../../main/services/marginalia-core';
import type { MarginaliaCore } from '../../main/services/service-types';
import { SAMPLE_CORPUS_DIR } from '../../main/services/test-support';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'data-dir-v1');

let root: string;
let dataDir: string;
const cores: MarginaliaCore[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-migration-'));
  dataDir = join(root, 'data');
  await cp(FIXTURE, dataDir, { recursive: true });
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await rm(root, { recursive: true, force: true });
});

async function open(): Promise<MarginaliaCore> {
  const core = await createMarginaliaCore({ dataDir, sampleCorpusDir: SAMPLE_CORPUS_DIR, clock: () => new Date('2026-12-01T08:00:00.000Z') });
  cores.push(core);
  await core.openInitialCorpus([SAMPLE_CORPUS_DIR]);
  await core.whenLoaded();
  return core;
}

async function allRecords(core: MarginaliaCore): Promise<MarginaliaRecord[]> {
  const status = await core.getCorpusStatus();
  const records: MarginaliaRecord[] = [];
  for (const doc of status.documents) records.push(...(await core.listRecords(doc.id)));
  return records;
}

async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('migration 0001: annotations → records', () => {
  it('brings every annotation, decision and comment across as records of their makers, and keeps the old files', async () => {
    const core = await open();
    const session = await core.getSession();
    const ana = session.analyst;
    expect(ana).toMatchObject({ name: 'Ana', kind: 'person' });
    const ben = { id: 'name:Ben', name: 'Ben', kind: 'person' };
    const records = await allRecords(core);
    const byId = new Map(records.map((r) => [r.id, r]));
    const spans = records.filter((r) => r.kind === 'span');

    // Ana's own spans are hers (her stable id); Ben's keep his name as a layer of their own.
    for (const id of ['ana-claim', 'ana-source', 'ana-place', 'ana-copy', 'ana-ferry']) expect(byId.get(id)?.creator, id).toEqual(ana);
    for (const id of ['ben-figure', 'ben-place', 'ben-claim']) expect(byId.get(id)?.creator, id).toEqual(ben);
    expect(byId.get('ana-claim')).toMatchObject({ kind: 'span', tag: 'claim', note: 'Compare with the governor', target: { quote: 'at least 1,200 residents of villages below the dam had been evacuated' } });
    expect(byId.get('ana-copy')).toMatchObject({ kind: 'span', origin: { id: 'ben-figure', creatorId: 'name:Ben' } });
    // The decisions and comments are records of the reviewer, pointing at Ben's spans.
    const reviews = records.filter((r) => r.kind === 'review');
    expect(reviews.map((r) => r.kind === 'review' && [r.target.spanId, r.decision, r.reason ?? null, r.copyId ?? null, r.creator.name]).sort()).toEqual([
      ['ben-figure', 'accept', null, 'ana-copy', 'Ana'],
      ['ben-place', 'reject', 'Tarsk is the sender, not the place', null, 'Ana'],
    ]);
    const comments = records.filter((r) => r.kind === 'comment');
    expect(comments.map((r) => r.kind === 'comment' && [r.target.spanId, r.text, r.creator.id]).sort()).toEqual([
      ['ben-claim', 'Which videos?', ana?.id],
      ['ben-place', 'See paragraph 2', ana?.id],
    ]);
    // The compacted document: snapshot plus journal, the last round of notes, the deletion kept.
    const bulk = spans.filter((r) => r.id.startsWith('bulk-'));
    expect(bulk.map((r) => r.id).sort()).toEqual(['bulk-0', 'bulk-1', 'bulk-2', 'bulk-3', 'bulk-4', 'bulk-5', 'bulk-6', 'bulk-7', 'bulk-8']);
    expect(bulk.every((r) => r.kind === 'span' && r.note.startsWith('round 29 '))).toBe(true);
    expect(spans).toHaveLength(8 + 9);
    // Every span still matches its document's text.
    for (const span of spans) {
      if (span.kind !== 'span') continue;
      const doc = await core.getDocument(span.target.docId);
      expect(doc.text.slice(span.target.start, span.target.end)).toBe(span.target.quote);
    }

    // The old files are kept whole, byte for byte; a notice says what happened.
    const [backup] = await readdir(join(dataDir, 'backup'));
    expect(backup).toMatch(/before-0001-records$/);
    const kept = await filesUnder(join(dataDir, 'backup', backup ?? '', 'annotations'));
    const original = await filesUnder(join(FIXTURE, 'annotations'));
    expect([...kept.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [name, bytes] of original) expect(kept.get(name)?.equals(bytes), name).toBe(true);
    expect(JSON.parse(await readFile(join(dataDir, 'data-version.json'), 'utf8'))).toEqual({ format: 'marginalia/data-dir', version: 2 });
    expect(session.notices.map((n) => n.message).join('\n')).toMatch(/updated to the new record format: 17 annotations, 2 review decisions and 2 comments in 4 documents\. The old files were kept in /);
  });

  it('a version-1 store file that is a FIFO or a link is reported and skipped, never read (no hang)', async () => {
    const victim = (await readdir(join(dataDir, 'annotations'))).find((n) => n.endsWith('.journal') && !n.startsWith('012819'));
    await rm(join(dataDir, 'annotations', victim ?? ''));
    spawnSync('mkfifo', [join(dataDir, 'annotations', victim ?? '')]);
    await writeFile(join(root, 'secret.txt'), 'PRIVATE');
    await symlink(join(root, 'secret.txt'), join(dataDir, 'annotations', `${'f'.repeat(64)}.json`));
    const core = await open();
    const message = (await core.getSession()).notices.map((n) => n.message).join('\n');
    expect(message).toMatch(/is a FIFO \(named pipe\), not a regular file; refused; not converted/);
    expect(message).toMatch(/is a symbolic link; refused; not converted/);
    expect(JSON.stringify(await allRecords(core))).not.toContain('PRIVATE');
  });

  it('runs once: a second start reads the same records and migrates nothing', async () => {
    const first = await open();
    const before = await allRecords(first);
    await first.close();
    cores.length = 0;
    const second = await open();
    expect(await allRecords(second)).toEqual(before);
    expect((await second.getSession()).notices).toEqual([]);
    expect(await readdir(join(dataDir, 'backup'))).toHaveLength(1);
  });

  it('a crash after the records were written but before the old files moved: the rerun gives the same records', async () => {
    // Simulate: run the migration, then put the old folder back as if the rename never happened.
    const first = await open();
    const before = await allRecords(first);
    await first.close();
    cores.length = 0;
    const [backup] = await readdir(join(dataDir, 'backup'));
    await cp(join(dataDir, 'backup', backup ?? '', 'annotations'), join(dataDir, 'annotations'), { recursive: true });
    await rm(join(dataDir, 'data-version.json'));
    const second = await open();
    expect(await allRecords(second)).toEqual(before);
    expect(await readdir(join(dataDir, 'backup'))).toHaveLength(2); // both copies of the old files kept
  });
});
