// Hostile inputs to the store loader (issue 3): generated bad snapshot and journal files. The
// loader's contract: a notice names the file and the reason, the file is moved aside with its
// bytes intact (quarantined, never changed), and nothing else in the folder changes, except
// that a damaged journal's readable changes are made durable in a new snapshot.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, type JsonPath, allPaths, getAt, jsonKind, setAt } from './fuzz-json';
import type { MarginaliaRecord } from '../../shared/model/records';
import { RecordStore } from './store/record-store';
import { NoticeBoard } from './notices';
import { serializeBatch, serializeSnapshot } from './store/record-files';
import { hashTree } from './import-test-support';
import { ANA, BEN, makeTempDir, spanRecord } from './test-support';


const DOC = { id: 'd'.repeat(64), text: 'Officials in Krasnovets said 1,200 residents were evacuated; 📍 Lesnaya Polyana flooded.' };
const OTHER_DOC = 'e'.repeat(64);
const CLOCK = (): Date => new Date('2026-03-14T10:11:12.345Z');

let root: string;
let cleanup: () => Promise<void>;
let records: MarginaliaRecord[];
let snapshotText: string;
let snapshot: { [key: string]: Json };
let caseNumber = 0;
let checked = 0;

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('marginalia-loadfuzz-'));
  const at = '2026-03-15T10:00:00.000Z';
  const target = { docId: DOC.id, spanId: 's2' };
  records = [
    spanRecord(DOC, 'Krasnovets', { id: 's1', tag: 'place', creator: ANA }),
    spanRecord(DOC, '1,200 residents', { id: 's2', tag: 'figure', creator: BEN }),
    { kind: 'review', id: 'r1', creator: ANA, rev: 1, createdAt: at, updatedAt: at, target, decision: 'reject', reason: 'rounded' },
    { kind: 'comment', id: 'c1', creator: ANA, rev: 1, createdAt: at, updatedAt: at, target, text: 'why?' },
    { ...spanRecord(DOC, '📍', { id: 's3', tag: 'place', creator: ANA }), origin: { id: 'x9', creatorId: BEN.id } },
  ];
  snapshotText = serializeSnapshot(DOC.id, records);
  snapshot = JSON.parse(snapshotText);
});

afterAll(async () => {
  await cleanup();
  expect(checked).toBeGreaterThanOrEqual(200);
});





function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface BadFile {
  label: string;
  file: 'snapshot' | 'journal';
  content: string;
  /** What the notice must give as the reason. */
  reason: RegExp;
}

const SAMPLES: Record<string, Json> = { string: 'x', number: 7, boolean: true, null: null, array: [], object: {} };
const OPTIONAL = new Set(['origin', 'reason', 'copyId', 'deleted']);

function mutatedSnapshot(change: (file: { [key: string]: Json }) => void): string {
  const file = JSON.parse(snapshotText);
  change(file);
  return JSON.stringify(file);
}

function snapshotCases(): fc.Arbitrary<BadFile> {
  const paths = allPaths(snapshot);
  // The spans' targets (reviews and comments point at a span instead).
  const annotationPaths = paths.filter((p) => p.length === 3 && p[0] === 'records' && p[2] === 'target' && typeof getAt(snapshot, [...p, 'start']) === 'number');
  const leaves = paths.filter((p) => typeof p[p.length - 1] === 'string' && !OPTIONAL.has(String(p[p.length - 1])));
  const at = (p: JsonPath): RegExp => new RegExp(`does not match the store format: ${escape(p.join('.'))}: `);
  const snap = (label: string, content: string, reason: RegExp): BadFile => ({ label, file: 'snapshot', content, reason });
  return fc.oneof(
    fc.integer({ min: 1, max: snapshotText.length - 3 }).map((k) => snap(`truncated at ${k}`, snapshotText.slice(0, k), /the file is truncated|not valid JSON/)),
    fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom(...Object.keys(SAMPLES)))
      .filter(([p, t]) => jsonKind(getAt(snapshot, p)) !== t)
      .map(([p, t]) => snap(`${p.join('.')} as ${t}`, mutatedSnapshot((f) => setAt(f, p, SAMPLES[t] as Json)), /does not match the store format|belongs to document/)),
    fc.constantFrom(...leaves).map((p) => snap(`no ${p.join('.')}`, mutatedSnapshot((f) => setAt(f, p, undefined)), at(p))),
    fc.tuple(fc.constantFrom(...annotationPaths), fc.integer({ min: 1, max: 1e6 })).map(([p, k]) => snap('negative start', mutatedSnapshot((f) => setAt(f, [...p, 'start'], -k)), at([...p, 'start']))),
    fc.tuple(fc.constantFrom(...annotationPaths), fc.integer({ min: 0, max: 20 })).map(([p, k]) =>
      snap('end <= start', mutatedSnapshot((f) => setAt(f, [...p, 'end'], Math.max(0, (getAt(f, [...p, 'start']) as number) - k))), new RegExp(`${escape(p.join('.'))}\\.end: `)),
    ),
    fc.tuple(fc.constantFrom(...annotationPaths), fc.string({ minLength: 1, maxLength: 5 })).map(([p, extra]) =>
      snap('quote length mismatch', mutatedSnapshot((f) => setAt(f, [...p, 'quote'], `${getAt(f, [...p, 'quote']) as string}${extra}`)), at([...p, 'quote'])),
    ),
    fc.string().filter((s) => s !== 'marginalia/records').map((s) => snap(`format ${s}`, mutatedSnapshot((f) => setAt(f, ['format'], s)), at(['format']))),
    fc.oneof(fc.integer(), fc.string()).filter((v) => v !== 2).map((v) => snap(`version ${v}`, mutatedSnapshot((f) => setAt(f, ['version'], v)), at(['version']))),
    fc.constant(snap('other document', mutatedSnapshot((f) => setAt(f, ['scope'], OTHER_DOC)), new RegExp(`the file belongs to ${OTHER_DOC}`))),
    fc.constantFrom(...annotationPaths).map((p) => snap('stray record', mutatedSnapshot((f) => setAt(f, [...p, 'docId'], OTHER_DOC)), new RegExp(`record s\\d belongs to ${OTHER_DOC}`))),
    fc.tuple(fc.constantFrom(...annotationPaths), fc.integer({ min: 65, max: 2000 })).map(([p, depth]) =>
      snap(`nested ${depth}`, mutatedSnapshot((f) => setAt(f, [...p.slice(0, -1), 'note'], JSON.parse('['.repeat(depth) + ']'.repeat(depth)))), at([...p.slice(0, -1), 'note'])),
    ),
    fc.constantFrom('', ' ', '\n\n', '\0\0\0').map((s) => snap('empty', s, /the file is empty|not valid JSON/)),
    fc.oneof(fc.array(fc.integer()), fc.string(), fc.integer(), fc.constant(null)).map((v) => snap('not an object', JSON.stringify(v), /does not match the store format|not valid JSON|truncated|empty/)),
  );
}

function journalCases(): fc.Arbitrary<BadFile> {
  const when = new Date('2026-03-15T10:00:00.000Z');
  const goodLines = records.map((r) => serializeBatch([r], when).slice(0, -1));
  const line = (batch: unknown[]) => JSON.stringify({ at: when.toISOString(), records: batch });
  const span = records[0] as Extract<MarginaliaRecord, { kind: 'span' }>;
  const review = records[2] as Extract<MarginaliaRecord, { kind: 'review' }>;
  const badLine = fc.oneof(
    fc.string({ minLength: 1 }).filter((s) => !s.includes('\n') && s.replace(/\0/g, '').trim() !== '').map((s) => ({ line: s, reason: /not valid JSON|: / })),
    fc.constant({ line: '{"at":"2026-03-15","records":[{"kind":"span","id":"x"', reason: /not valid JSON/ }),
    fc.constant({ line: line([]), reason: /records: / }),
    fc.constant({ line: line([{ ...span, kind: 'move' }]), reason: /records\.0\.kind: / }),
    fc.constant({ line: line([{ ...span, target: { ...span.target, end: 1, start: 5 } }]), reason: /records\.0\.target\.end: end must be greater than start/ }),
    fc.constant({ line: line([{ ...span, target: { ...span.target, docId: OTHER_DOC } }]), reason: new RegExp(`record s1 belongs to ${OTHER_DOC}`) }),
    fc.constant({ line: line([{ ...review, reason: undefined }]), reason: /records\.0\.reason: a rejection needs a reason/ }),
    fc.constant({ line: line([{ ...span, rev: 0 }]), reason: /records\.0\.rev: / }),
  );
  // Damage before the last good line is damage, not a torn tail.
  return fc.tuple(badLine, fc.integer({ min: 0, max: goodLines.length - 1 })).map(([bad, at]) => ({
    label: `journal line ${at + 1}: ${bad.line.slice(0, 30)}`,
    file: 'journal',
    content: `${[...goodLines.slice(0, at), bad.line, ...goodLines.slice(at)].join('\n')}\n`,
    reason: new RegExp(`line ${at + 1}: (${bad.reason.source})`),
  }));
}

const sha = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

async function expectQuarantined(bad: BadFile): Promise<void> {
  const dir = join(root, `case-${++caseNumber}`);
  const notices = new NoticeBoard(CLOCK);
  const store = new RecordStore({ dir, notices, clock: CLOCK });
  await store.scopesWithFiles(); // creates the folder
  const name = `${DOC.id}.${bad.file === 'snapshot' ? 'json' : 'journal'}`;
  await writeFile(join(dir, name), bad.content);
  const loaded = await store.list(DOC.id);
  const listed = notices.list();
  expect(listed, bad.label).toHaveLength(1);
  const message = listed[0]?.message ?? '';
  expect(message, bad.label).toContain(`could not be read: ${join(dir, name)} — `);
  expect(message, bad.label).toMatch(bad.reason);
  expect(message, bad.label).toMatch(/It was moved to .*\.corrupt-2026-03-14T10-11-12-345Z \(nothing was deleted\)/);
  const files = await hashTree(dir);
  const moved = `${name}.corrupt-2026-03-14T10-11-12-345Z`;
  expect(files[moved], bad.label).toBe(sha(bad.content)); // the bytes, kept exactly
  if (bad.file === 'snapshot') {
    expect(Object.keys(files), bad.label).toEqual([moved]);
    expect(loaded).toEqual([]);
  } else {
    // the readable changes, now durable in a snapshot; the journal starts afresh
    expect(Object.keys(files).sort(), bad.label).toEqual([`${DOC.id}.json`, moved].sort());
    expect((await readFile(join(dir, `${DOC.id}.json`), 'utf8')), bad.label).toBe(serializeSnapshot(DOC.id, await store.list(DOC.id, { withDeleted: true })));
  }
  checked++;
}

describe('store loader fuzzing', () => {
  it('quarantines 200 generated bad snapshots with a notice naming the file and the reason', async () => {
    await fc.assert(fc.asyncProperty(snapshotCases(), expectQuarantined), { numRuns: 200, seed: 20260314 });
  });

  it('quarantines 60 generated damaged journals and keeps their readable changes', async () => {
    await fc.assert(fc.asyncProperty(journalCases(), expectQuarantined), { numRuns: 60, seed: 20260315 });
  });

  it('quarantines a 50 MB garbage snapshot', async () => {
    await expectQuarantined({ label: '50 MB', file: 'snapshot', content: `{"format":"marginalia/records","x":"${'a'.repeat(50 * 1024 * 1024)}`, reason: /truncated/ });
  });

  it('ignores "__proto__" and "constructor" keys in its own files without being polluted', async () => {
    const hostile = snapshotText.replace('{"format"', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"format"');
    const dir = join(root, 'proto');
    const notices = new NoticeBoard(CLOCK);
    const store = new RecordStore({ dir, notices, clock: CLOCK });
    await store.scopesWithFiles();
    await writeFile(join(dir, `${DOC.id}.json`), hostile);
    expect((await store.list(DOC.id)).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...records].sort((a, b) => a.id.localeCompare(b.id)));
    expect(notices.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([`${DOC.id}.json`]);
    expect(await readFile(join(dir, `${DOC.id}.json`), 'utf8')).toBe(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
