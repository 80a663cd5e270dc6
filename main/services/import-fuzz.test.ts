// Hostile inputs to importAnnotations (issue 3): generated bad files, each of which must be
// refused with a message naming what is wrong (the field path, or the problem), while the
// data folder stays byte-for-byte unchanged and nothing is polluted. Mutations of a real
// version-2 export (spans, a copy with its origin, reviews and comments) and of a real 1.1 one.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, type JsonPath, allPaths, getAt, jsonKind, setAt } from './fuzz-json';
import { EXPORT_FORMAT } from '../../shared/export-format';
import { MAX_IMPORT_BYTES } from '../../shared/import-format';
import { type Analyst, docByFile, failureOf, hashTree, openAnalyst, review, spanBy } from './import-test-support';
import { makeTempDir } from './test-support';

const DAM = '01-veshnaya-dam-breach.txt';
const COLUMN = '02-tarsk-armoured-column.md';

let root: string;
let cleanup: () => Promise<void>;
let ana: Analyst;
const bases: Record<'2' | '1.1', { text: string; json: { [key: string]: Json } }> = {} as never;
let dataBefore: Record<string, string>;
let checked = 0;

/**
 * Ben's real exports of two documents with their texts: his spans, Carl's spans that Ben
 * reviewed (a rejection with a reason and a comment; an acceptance, which made Ben's copy with
 * an origin), in version 2 and in 1.1.
 */
async function makeBaseExports(dir: string): Promise<Record<'2' | '1.1', string>> {
  const carl = await openAnalyst('Carl', join(dir, 'carl'));
  const carlsDam = docByFile(carl, DAM);
  await carl.core.saveRecords(carlsDam.id, [spanBy(carl, carlsDam, 'Irina Volkova', { id: 'c1', tag: 'source' }), spanBy(carl, carlsDam, 'Lesnaya Polyana', { id: 'c2', tag: 'place' })]);
  const fromCarl = (await carl.core.buildExport({ scope: 'document', docId: carlsDam.id, includeText: false })).content;
  await carl.core.close();

  const ben = await openAnalyst('Ben', join(dir, 'ben'));
  const dam = docByFile(ben, DAM);
  const column = docByFile(ben, COLUMN);
  await ben.core.importAnnotations(fromCarl);
  await ben.core.saveRecords(dam.id, [spanBy(ben, dam, 'at least 1,200 residents', { id: 'b1', tag: 'figure' })]);
  await review(ben, dam.id, 'c1', { reject: 'spokeswoman' }, '2026-03-15T10:00:00.000Z');
  await review(ben, dam.id, 'c1', { comment: 'see para 2' }, '2026-03-15T10:01:00.000Z');
  await review(ben, dam.id, 'c2', { accept: true }, '2026-03-15T10:02:00.000Z');
  await ben.core.saveRecords(column.id, [spanBy(ben, column, 'up to 30 armoured vehicles', { id: 'b3', tag: 'figure' }), spanBy(ben, column, '📍', { id: 'b4', tag: 'place' })]);
  const exports = {} as Record<'2' | '1.1', string>;
  for (const version of [2, 1.1] as const) {
    const built = await ben.core.buildExport({ scope: 'document', docId: dam.id, includeText: true, version });
    const other = await ben.core.buildExport({ scope: 'document', docId: column.id, includeText: true, version });
    const file = JSON.parse(built.content);
    file.documents.push(...JSON.parse(other.content).documents);
    exports[version === 2 ? '2' : '1.1'] = JSON.stringify(file, null, 2);
  }
  await ben.core.close();
  return exports;
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('marginalia-fuzz-'));
  const exports = await makeBaseExports(root);
  for (const version of ['2', '1.1'] as const) bases[version] = { text: exports[version], json: JSON.parse(exports[version]) };
  ana = await openAnalyst('Ana', join(root, 'ana'));
  // A store with something in it, so "unchanged" covers real record files.
  const dam = docByFile(ana, DAM);
  await ana.core.saveRecords(dam.id, [spanBy(ana, dam, 'Lena Marsh', { id: 'a1', tag: 'source' })]);
  dataBefore = await hashTree(ana.dataDir);
});

afterAll(async () => {
  await ana.core.close();
  await cleanup();
  expect(checked).toBeGreaterThanOrEqual(400);
});

function pathText(path: JsonPath): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

const SAMPLES: Record<string, Json> = { string: 'x', number: 7, boolean: true, null: null, array: [], object: {} };
/** Fields a file may leave out (leaving them out leaves a valid file). */
const OPTIONAL = new Set(['text', 'origin', 'review', 'reason', 'copyId', 'reviews', 'comments']);

interface BadInput {
  label: string;
  content: string;
  /** What the message must say. */
  expected: RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function arbitraries(version: '2' | '1.1'): fc.Arbitrary<BadInput> {
  const { text: baseText, json: base } = bases[version];
  const mutated = (change: (file: { [key: string]: Json }) => void): string => {
    const file = JSON.parse(baseText);
    change(file);
    return JSON.stringify(file, null, 2);
  };
  const paths = allPaths(base);
  const annotationPaths = paths.filter((p) => p.length === 4 && p[0] === 'documents' && p[2] === 'annotations');
  const recordPaths = paths.filter((p) => p.length === 4 && p[0] === 'documents' && typeof p[2] === 'string' && ['annotations', 'reviews', 'comments'].includes(p[2]));
  const objectPaths: JsonPath[] = [[], ...paths.filter((p) => jsonKind(getAt(base, p)) === 'object')];
  const requiredLeaves = paths.filter((p) => !OPTIONAL.has(String(p[p.length - 1])) && typeof p[p.length - 1] === 'string');
  const field = (p: JsonPath, name: string): RegExp => new RegExp(`${escape(pathText([...p, name]))}[ :]`);

  const truncated = fc.integer({ min: 1, max: baseText.length - 2 }).map((k) => ({ label: `truncated at ${k}`, content: baseText.slice(0, k), expected: /the file is truncated|not valid JSON/ }));
  const wrongType = fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom(...Object.keys(SAMPLES)))
    .filter(([p, t]) => jsonKind(getAt(base, p)) !== t)
    .map(([p, t]) => ({ label: `${pathText(p)} as ${t}`, content: mutated((f) => setAt(f, p, SAMPLES[t] as Json)), expected: new RegExp(`${escape(pathText(p))}[ :]`) }));
  const missing = fc.constantFrom(...requiredLeaves).map((p) => ({ label: `no ${pathText(p)}`, content: mutated((f) => setAt(f, p, undefined)), expected: new RegExp(`${escape(pathText(p))}[ :]`) }));
  const beyond = fc.tuple(fc.constantFrom(...annotationPaths), fc.integer({ min: 1, max: 1_000_000 })).map(([p, k]) => ({
    label: `end beyond text at ${pathText(p)}`,
    content: mutated((f) => setAt(f, [...p, 'end'], (getAt(f, [p[0] as string, p[1] as number, 'length']) as number) + k)),
    expected: field(p, 'end'),
  }));
  const negative = fc.tuple(fc.constantFrom(...annotationPaths), fc.integer({ min: 1, max: 1000 })).map(([p, k]) => ({ label: 'negative start', content: mutated((f) => setAt(f, [...p, 'start'], -k)), expected: field(p, 'start') }));
  const endBeforeStart = fc.tuple(fc.constantFrom(...annotationPaths), fc.integer({ min: 0, max: 50 })).map(([p, k]) => ({
    label: `end <= start at ${pathText(p)}`,
    content: mutated((f) => setAt(f, [...p, 'end'], Math.max(0, (getAt(f, [...p, 'start']) as number) - k))),
    expected: field(p, 'end'),
  }));
  const quote = fc.tuple(fc.constantFrom(...annotationPaths), fc.string({ minLength: 1, maxLength: 20 })).map(([p, extra]) => ({
    label: `quote mismatch at ${pathText(p)}`,
    content: mutated((f) => setAt(f, [...p, 'quote'], `${extra}${getAt(f, [...p, 'quote']) as string}`.slice(0, 40))),
    expected: field(p, 'quote'),
  }));
  const format = fc.string().filter((s) => s !== EXPORT_FORMAT).map((s) => ({ label: `format ${s}`, content: mutated((f) => setAt(f, ['format'], s)), expected: /format: .* is not a Marginalia annotations export/ }));
  const badVersion = fc
    .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string())
    .filter((v) => v !== 1 && v !== 1.1 && v !== 2)
    .map((v) => ({ label: `version ${String(v)}`, content: mutated((f) => setAt(f, ['version'], v)), expected: /version: .* is not supported; this Marginalia reads versions 1, 1\.1 and 2/ }));
  const proto = fc.tuple(fc.constantFrom(...objectPaths), fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([p, key]) => ({
    label: `${key} in ${pathText(p) || 'top'}`,
    content: mutated((f) => setAt(f, [...p, key], { polluted: true, toString: 'owned' })),
    expected: new RegExp(`${p.length ? escape(pathText(p)) : 'the top level'}: unexpected field "${key}"`),
  }));
  // (JSON.stringify itself overflows the stack a few thousand levels down; deeper is tested below.)
  const nested = fc.tuple(fc.constantFrom(...paths), fc.integer({ min: 65, max: 2000 })).map(([p, depth]) => ({
    label: `nested ${depth} at ${pathText(p)}`,
    content: mutated((f) => setAt(f, p, JSON.parse('['.repeat(depth) + ']'.repeat(depth)))),
    expected: /nested more than 64 levels deep/,
  }));
  const duplicate = fc.constantFrom(...recordPaths).map((p) => ({
    label: `duplicate ${pathText(p)}`,
    content: mutated((f) => (getAt(f, p.slice(0, 3)) as Json[]).push(getAt(f, p))),
    expected: /(annotations|reviews|comments)\[\d+\]\.id: duplicate id/,
  }));
  const tamperedText = fc.tuple(fc.constantFrom(0, 1), fc.nat()).map(([d, at]) => ({
    label: `text of documents[${d}] changed`,
    content: mutated((f) => {
      const text = getAt(f, ['documents', d, 'text']) as string;
      const i = at % text.length;
      setAt(f, ['documents', d, 'text'], text.slice(0, i) + (text[i] === 'Q' ? 'Z' : 'Q') + text.slice(i + 1));
    }),
    expected: new RegExp(`documents\\[${d}\\]\\.(text: its SHA-256|length|annotations\\[\\d+\\]\\.quote)`),
  }));
  const notObject = fc.oneof(fc.array(fc.integer()), fc.string(), fc.integer(), fc.boolean(), fc.constant(null)).map((v) => ({ label: 'not an object', content: JSON.stringify(v), expected: /the top level is .*, not an object|the file is empty/ }));
  return fc.oneof(truncated, wrongType, missing, beyond, negative, endBeforeStart, quote, format, badVersion, proto, nested, duplicate, tamperedText, notObject, reviewMutations(version, mutated));
}

/** Who reviewed what: the rules a schema cannot state. */
function reviewMutations(version: '2' | '1.1', mutated: (change: (file: { [key: string]: Json }) => void) => string): fc.Arbitrary<BadInput> {
  const doc = (bases[version].json.documents as Json[])[0] as { [key: string]: Json };
  const annotations = doc.annotations as { [key: string]: Json }[];
  if (version === '1.1') {
    const i = annotations.findIndex((a) => (a.review as { status?: string } | undefined)?.status === 'rejected');
    const r = ['documents', 0, 'annotations', i, 'review'];
    return fc.constantFrom('no reason', 'bad status', 'self review', 'reason on a pending thread').map((what) => ({
      label: what,
      content: mutated((f) => {
        if (what === 'no reason') setAt(f, [...r, 'reason'], undefined);
        if (what === 'bad status') setAt(f, [...r, 'status'], 'approved');
        if (what === 'self review') setAt(f, [...r, 'by'], annotations[i]?.author as Json);
        if (what === 'reason on a pending thread') setAt(f, [...r, 'status'], 'pending');
      }),
      expected: new RegExp(`documents\\[0\\]\\.annotations\\[${i}\\]\\.review\\.(reason|status|by)`),
    }));
  }
  const reviews = doc.reviews as { [key: string]: Json }[];
  const rejection = reviews.findIndex((r) => r.decision === 'reject');
  const acceptance = reviews.findIndex((r) => r.decision === 'accept');
  const spanOf = (r: { [key: string]: Json }) => annotations.find((a) => a.id === r.spanId) as { [key: string]: Json };
  return fc.constantFrom('no reason', 'bad decision', 'self review', 'dangling review', 'dangling comment', 'copy of a rejection', 'author is not the creator').map((what) => ({
    label: what,
    content: mutated((f) => {
      const at = (i: number) => ['documents', 0, 'reviews', i];
      if (what === 'no reason') setAt(f, [...at(rejection), 'reason'], undefined);
      if (what === 'bad decision') setAt(f, [...at(rejection), 'decision'], 'approve');
      if (what === 'self review') setAt(f, [...at(acceptance), 'creator'], spanOf(reviews[acceptance] as { [key: string]: Json }).creator as Json);
      if (what === 'dangling review') setAt(f, [...at(acceptance), 'spanId'], 'gone');
      if (what === 'dangling comment') setAt(f, ['documents', 0, 'comments', 0, 'spanId'], 'gone');
      if (what === 'copy of a rejection') setAt(f, [...at(rejection), 'copyId'], 'b1');
      if (what === 'author is not the creator') setAt(f, ['documents', 0, 'annotations', 0, 'author'], 'Someone');
    }),
    expected: /documents\[0\]\.(reviews\[\d\]\.(reason|decision|creator|spanId|copyId)|comments\[0\]\.spanId|annotations\[0\]\.author)/,
  }));
}

async function expectRefused(input: BadInput): Promise<void> {
  const message = await failureOf(ana.core.importAnnotations(input.content, 'hostile.json'));
  expect(message, input.label).toMatch(/^“hostile\.json” was not imported, and nothing was changed: /);
  expect(message, input.label).toMatch(input.expected);
  checked++;
}

describe('import fuzzing', () => {
  it('the base files themselves import cleanly (the mutations below are what break them)', async () => {
    expect(bases['2'].json).toMatchObject({ version: 2, documents: [{ reviews: [{}, {}], comments: [{}] }, {}] });
    expect(bases['1.1'].json).toMatchObject({ version: 1.1 });
    for (const version of ['2', '1.1'] as const) {
      const dir = await makeTempDir('marginalia-fuzz-ok-');
      try {
        const fresh = await openAnalyst('Ana', dir.dir);
        expect(await fresh.core.importAnnotations(bases[version].text)).toMatchObject({ annotationsAdded: 6, orphans: [], recordCounts: { review: { added: 2 }, comment: { added: 1 } } });
        await fresh.core.close();
      } finally {
        await dir.cleanup();
      }
    }
  });

  for (const [version, numRuns] of [
    ['2', 300],
    ['1.1', 150],
  ] as const) {
    it(`refuses ${numRuns} generated bad files (version ${version}) with a message naming the problem, and changes nothing`, async () => {
      await fc.assert(fc.asyncProperty(arbitraries(version), expectRefused), { numRuns, seed: 20260314 });
      expect(await hashTree(ana.dataDir)).toEqual(dataBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
  }

  it('refuses files over 50 MB, and absurd nesting, before parsing them', async () => {
    const baseText = bases['2'].text;
    await expectRefused({ label: '50 MB of spaces', content: baseText + ' '.repeat(MAX_IMPORT_BYTES), expected: /the file is too large: 5\d\.\d MB, and imports are limited to 50\.0 MB/ });
    // 27 million characters, but 54 million bytes in UTF-8
    await expectRefused({ label: '2-byte characters', content: `"${'é'.repeat(27_000_000)}"`, expected: /the file is too large: 51\.5 MB/ });
    const deep = `{"format":"${EXPORT_FORMAT}","version":2,"documents":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    await expectRefused({ label: 'a million levels', content: deep, expected: /nested more than 64 levels deep \(at character \d+\)/ });
    await expectRefused({ label: 'empty', content: '   \n', expected: /the file is empty/ });
    expect(await hashTree(ana.dataDir)).toEqual(dataBefore);
  });
});
