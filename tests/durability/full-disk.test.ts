// A full disk, for real: the built host runs on a 200 kB tmpfs and is tagged until the disk is
// full, then restarted. Every acknowledged annotation must be there; failures must say the disk
// is full; no store file may be cut short in place. An uploaded article is held to the same rule.
// Mounting needs root (CI runs as root); elsewhere the test says why and is skipped.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusStatus } from '../../shared/api';
import type { MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { ApiCallError, startHostProcess } from '../support/host-process';
import { pick, seededRng } from '../support/seeded';
import { type SmallDisk, mountSmallDisk } from '../support/small-disk';
import { inspectDataDir } from '../support/store-inspection';
import { buildSpan, documentId, randomSpan, syntheticText, wordSpans, writeSyntheticCorpus } from '../support/synthetic-corpus';

const disk = await mountSmallDisk(200);
const unavailable = 'unavailable' in disk ? disk.unavailable : null;
if (unavailable) console.warn(`[full-disk] skipped: ${unavailable}`);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-full-disk-'));
});
afterAll(async () => {
  if (!unavailable) await (disk as SmallDisk).unmount();
  if (root) await rm(root, { recursive: true, force: true });
});

describe.skipIf(unavailable !== null)('a full disk (200 kB tmpfs)', () => {
  it('keeps every acknowledged annotation and uploaded article across a restart, and says the disk is full', async () => {
    const rng = seededRng(7);
    const docs = await writeSyntheticCorpus(join(root, 'corpus'), rng, 2, 30);
    const dataDir = join((disk as SmallDisk).dir, 'data');
    const host = await startHostProcess({ dataDir, open: [join(root, 'corpus')] });
    await host.whenLoaded(2);
    const ana = await host.nameAnalyst('Ana');

    // An article dropped in while there is room: acknowledged, so it must come back with its id.
    const dropped = syntheticText(rng, 'Dropped report', 40);
    const afterUpload = await host.call<CorpusStatus>('addFiles', [{ name: 'dropped.txt', base64: Buffer.from(dropped).toString('base64') }]);
    expect(afterUpload.documents.map((d) => d.id)).toContain(documentId(dropped));

    const acked = new Map<string, SpanRecord>();
    const failures: string[] = [];
    let failedInARow = 0;
    for (let n = 1; n <= 5000 && failedInARow < 3; n++) {
      const doc = pick(rng, docs);
      const [start, end] = randomSpan(rng, wordSpans(doc.text));
      const annotation = buildSpan(doc, { id: `fill-${n}`, tag: 'claim', start, end, note: `note ${n}` }, ana);
      try {
        await host.call('saveRecords', doc.id, [annotation]);
        acked.set(annotation.id, annotation);
        failedInARow = 0;
      } catch (error) {
        if (!(error instanceof ApiCallError)) throw error;
        failures.push(`${error.status} ${error.body}`);
        failedInARow++;
      }
    }
    expect(failures.length, 'the disk filled up').toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toMatch(/^500 .*the disk is full/);

    // An upload on the full disk fails loudly and leaves nothing half-written behind.
    const documentsBefore = (await readdir(join(dataDir, 'documents'))).sort();
    const late = syntheticText(rng, 'Late report', 60);
    await expect(host.call('addFiles', [{ name: 'late.txt', base64: Buffer.from(late).toString('base64') }])).rejects.toThrow(/the disk is full/);
    expect((await readdir(join(dataDir, 'documents'))).sort()).toEqual(documentsBefore);

    expect((await host.stop('SIGKILL')).signal).toBe('SIGKILL');
    const onDisk = await inspectDataDir(dataDir);
    expect(onDisk.problems, 'no store file was cut short in place').toEqual([]);
    expect(onDisk.corruptFiles).toEqual([]);

    // Restart on the same, still full disk.
    const restarted = await startHostProcess({ dataDir, open: [join(root, 'corpus')] });
    try {
      const status = await restarted.whenLoaded(3);
      expect(status.documents.map((d) => d.id)).toContain(documentId(dropped));
      expect(status.documents.map((d) => d.id)).not.toContain(documentId(late));
      const found = new Map<string, MarginaliaRecord>();
      for (const doc of docs) for (const a of await restarted.call<MarginaliaRecord[]>('listRecords', doc.id)) found.set(a.id, a);
      const missing = [...acked.keys()].filter((id) => !found.has(id));
      expect(missing, `${acked.size} acknowledged, ${failures.length} refused`).toEqual([]);
      for (const [id, sent] of acked) expect(found.get(id)).toEqual(sent);
      console.log(`[full-disk] ${acked.size} annotations acknowledged before the disk filled; ${failures.length} saves failed with "the disk is full"; all ${acked.size} found after the restart`);
    } finally {
      await restarted.stop('SIGKILL');
    }
  });
});
