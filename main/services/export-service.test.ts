// buildExportFile on a real record store: versions 2 and 1.1, what is left out (tombstones and
// what points at them), its own checks (schema and offsets), and the compact layout of large exports.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../shared/api';
import type { ExportFile, ExportFileV1 } from '../../shared/export-format';
import type { MarginaliaRecord, ReviewRecord } from '../../shared/model/records';
import type { LoadedDocument } from './corpus-loader';
import { buildExportFile, serializeExport } from './export-service';
import { NoticeBoard } from './notices';
import { RecordStore } from './store/record-store';
import { ANA, BEN, makeTempDir, spanRecord } from './test-support';

const DOC = { id: 'c'.repeat(64), title: 'Floods', fileName: 'floods.txt', text: 'Floods 📍 reached Lesnaya on Monday.' };
const AT = '2026-03-15T10:00:00.000Z';

let dir: string;
let cleanup: () => Promise<void>;
let store: RecordStore;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('marginalia-export-'));
  store = new RecordStore({ dir: join(dir, 'records'), notices: new NoticeBoard() });
});
afterEach(async () => {
  await store.flush();
  await cleanup();
});

async function exportOf(records: MarginaliaRecord[], request: Partial<ExportRequest> = {}) {
  if (records.length > 0) await store.apply(DOC.id, records, { mode: 'merge', origin: { kind: 'migration' } });
  return buildExportFile({
    request: { scope: 'all', includeText: true, ...request },
    documents: [DOC as unknown as LoadedDocument],
    store,
    exportedBy: ANA,
    now: new Date('2026-03-14T10:00:00Z'),
  });
}

const reached = spanRecord(DOC, 'reached', { id: 'b1', creator: BEN, tag: 'place' });
const rejection: ReviewRecord = { kind: 'review', id: 'r1', creator: ANA, rev: 1, createdAt: AT, updatedAt: AT, target: { docId: DOC.id, spanId: 'b1' }, decision: 'reject', reason: 'a verb' };

describe('buildExportFile', () => {
  it('writes version 2 by default: spans with code point offsets, creators and revisions, and the reviews beside them', async () => {
    const built = await exportOf([reached, rejection]);
    const file = JSON.parse(built.content) as ExportFile;
    expect(file).toMatchObject({ version: 2, exportedBy: 'Ana' });
    expect(file.documents[0]?.annotations).toEqual([
      { id: 'b1', type: 'place', start: 9, end: 16, quote: 'reached', prefix: reached.target.prefix, suffix: reached.target.suffix, note: '', author: 'Ben', createdAt: reached.createdAt, updatedAt: reached.updatedAt, creator: BEN, rev: 1 },
    ]);
    expect(file.documents[0]?.reviews).toEqual([{ id: 'r1', creator: ANA, rev: 1, createdAt: AT, updatedAt: AT, spanId: 'b1', decision: 'reject', reason: 'a verb' }]);
    expect(built).toMatchObject({ documents: 1, annotations: 1, fileName: 'marginalia-all-documents-2026-03-14.json' });
    expect(built.content).toContain('\n  "format"'); // small: pretty-printed
  });

  it('writes 1.1 when asked: the decision inside the annotation, authors by name', async () => {
    const built = await exportOf([reached, rejection], { version: 1.1 });
    const file = JSON.parse(built.content) as ExportFileV1;
    expect(file.version).toBe(1.1);
    expect(file.documents[0]?.annotations[0]).toMatchObject({ id: 'b1', start: 9, end: 16, author: 'Ben', review: { status: 'rejected', by: 'Ana', at: AT, reason: 'a verb', comments: [] } });
    expect(file.documents[0]?.annotations[0]).not.toHaveProperty('creator');
    expect(file.documents[0]).not.toHaveProperty('reviews');
  });

  it('leaves out tombstones and the reviews of deleted spans', async () => {
    await exportOf([reached, rejection]);
    const built = await exportOf([{ ...reached, rev: 2, deleted: true }]);
    const file = JSON.parse(built.content) as ExportFile;
    expect(file.documents[0]).toMatchObject({ annotations: [], reviews: [], comments: [] });
    expect(built.annotations).toBe(0);
  });

  it('refuses an export whose quote does not match the text', async () => {
    const bad = { ...reached, target: { ...reached.target, quote: 'REACHED' } };
    await expect(exportOf([bad])).rejects.toThrow(/failed its own checks.*annotations\[0\]\.quote \(id b1\): quote does not match the text at 9-16/);
  });

  it('refuses an export with offsets beyond the text', async () => {
    const bad = { ...reached, target: { ...reached.target, start: DOC.text.length, end: DOC.text.length + 7 } };
    await expect(exportOf([bad])).rejects.toThrow(/failed its own checks.*end \d+ is beyond the document length/);
  });

  it('refuses an export that does not conform to the schema', async () => {
    const bad = { ...reached, note: 'x'.repeat(100_001) };
    await expect(exportOf([bad])).rejects.toThrow(/failed its own checks.*note/);
    await expect(exportOf([], { version: 1.1, scope: 'document', docId: 'f'.repeat(64) })).rejects.toThrow(/no open document has id f{64}/);
  });
});

describe('serializeExport', () => {
  it('writes large exports compact, on one line, with the same content', () => {
    const file = { format: 'marginalia/annotations', documents: [{ id: 'x', annotations: [] }] };
    const compact = serializeExport(file, 10);
    expect(compact).toBe(`${JSON.stringify(file)}\n`);
    expect(JSON.parse(serializeExport(file))).toEqual(JSON.parse(compact));
    expect(serializeExport(file)).toBe(`${JSON.stringify(file, null, 2)}\n`);
  });
});
