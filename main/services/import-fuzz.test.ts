// Hostile inputs to importAnnotations (issue 3): generated bad files, each of which must be
// refused with a message naming what is wrong (the field path, or the problem), while the
// data folder stays byte-for-byte unchanged and nothing is polluted.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, type JsonPath, allPaths, getAt, jsonKind, setAt } from './fuzz-json';
import { EXPORT_FORMAT } from '../../shared/export-format';
import { MAX_IMPORT_BYTES } from '../../shared/import-format';
import { type Analyst, docByFile, failureOf, hashTree, openAnalyst } from './import-test-support';
import { annotate, makeTempDir, put } from './test-support';


let root: string;
let cleanup: () => Promise<void>;
let ana: Analyst;
let base: { [key: string]: Json };
let baseText: string;
let dataBefore: Record<string, string>;
let checked = 0;

/** Ben's real export: two documents with text, a review and an origin among the annotations. */
async function makeBaseExport(dir: string): Promise<string> {
  const ben = await openAnalyst('Ben', dir);
  const dam = docByFile(ben, '01-veshnaya-dam-breach.txt');
  const column = docByFile(ben, '02-tarsk-armoured-column.md');
  const carls = annotate(dam, 'Irina Volkova', { id: 'c1', type: 'source', author: 'Carl' });
  await ben.core.saveChanges(dam.id, [
    put(annotate(dam, 'at least 1,200 residents', { id: 'b1', type: 'figure', author: 'Ben' })),
    put({ ...carls, review: { status: 'rejected', by: 'Ben', at: '2026-03-15T10:00:00.000Z', reason: 'spokeswoman', comments: [{ by: 'Ben', at: '2026-03-15T10:00:00.000Z', text: 'see para 2' }] } }),
    put({ ...annotate(dam, 'Lesnaya Polyana', { id: 'b2', type: 'place', author: 'Ben' }), origin: { id: 'c9', author: 'Carl' } }),
  ]);
  await ben.core.saveChanges(column.id, [
    put(annotate(column, 'up to 30 armoured vehicles', { id: 'b3', type: 'figure', author: 'Ben' })),
    put(annotate(column, '📍', { id: 'b4', type: 'place', author: 'Ben' })),
  ]);
  const built = await ben.core.buildExport({ scope: 'document', docId: dam.id, includeText: true });
  const other = await ben.core.buildExport({ scope: 'document', docId: column.id, includeText: true });
  await ben.core.close();
  const file = JSON.parse(built.content);
  file.documents.push(...JSON.parse(other.content).documents);
  return JSON.stringify(file, null, 2);
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('marginalia-fuzz-'));
  baseText = await makeBaseExport(join(root, 'ben'));
  base = JSON.parse(baseText);
  ana = await openAnalyst('Ana', join(root, 'ana'));
  // A store with something in it, so "unchanged" covers real annotation files.
  const dam = docByFile(ana, '01-veshnaya-dam-breach.txt');
  await ana.core.saveChanges(dam.id, [put(annotate(dam, 'Lena Marsh', { author: 'Ana', type: 'source' }))]);
  dataBefore = await hashTree(ana.dataDir);
});

afterAll(async () => {
  await ana.core.close();
  await cleanup();
  expect(checked).toBeGreaterThanOrEqual(200);
});

function clone(): { [key: string]: Json } {
  return JSON.parse(baseText);
}




function pathText(path: JsonPath): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}


const SAMPLES: Record<string, Json> = { string: 'x', number: 7, boolean: true, null: null, array: [], object: {} };
const OPTIONAL = new Set(['text', 'origin', 'review', 'reason']);

interface BadInput {
  label: string;
  content: string;
  /** What the message must say. */
  expected: RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mutated(change: (file: { [key: string]: Json }) => void): string {
  const file = clone();
  change(file);
  return JSON.stringify(file, null, 2);
}

function arbitraries(): fc.Arbitrary<BadInput> {
  const paths = allPaths(base);
  const annotationPaths = paths.filter((p) => p.length === 4 && p[0] === 'documents' && p[2] === 'annotations');
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
  const version = fc
    .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string())
    .filter((v) => v !== 1 && v !== 1.1)
    .map((v) => ({ label: `version ${String(v)}`, content: mutated((f) => setAt(f, ['version'], v)), expected: /version: .* is not supported; this Marginalia reads versions 1 and 1\.1/ }));
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
  const duplicate = fc.constantFrom(...annotationPaths).map((p) => ({
    label: `duplicate ${pathText(p)}`,
    content: mutated((f) => (getAt(f, p.slice(0, 3)) as Json[]).push(getAt(f, p))),
    expected: /annotations\[\d+\]\.id: duplicate id/,
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
  const review = fc.constantFrom('no reason', 'bad status', 'self review').map((what) => ({
    label: what,
    content: mutated((f) => {
      const r = ['documents', 0, 'annotations', 1, 'review'];
      if (what === 'no reason') setAt(f, [...r, 'reason'], undefined);
      if (what === 'bad status') setAt(f, [...r, 'status'], 'approved');
      if (what === 'self review') setAt(f, [...r, 'by'], 'Carl');
    }),
    expected: /documents\[0\]\.annotations\[1\]\.review\.(reason|status|by)/,
  }));
  return fc.oneof(truncated, wrongType, missing, beyond, negative, endBeforeStart, quote, format, version, proto, nested, duplicate, tamperedText, notObject, review);
}

async function expectRefused(input: BadInput): Promise<void> {
  const message = await failureOf(ana.core.importAnnotations(input.content, 'hostile.json'));
  expect(message, input.label).toMatch(/^“hostile\.json” was not imported, and nothing was changed: /);
  expect(message, input.label).toMatch(input.expected);
  checked++;
}

describe('import fuzzing', () => {
  it('the base file itself imports cleanly (the mutations below are what break it)', async () => {
    const dir = await makeTempDir('marginalia-fuzz-ok-');
    try {
      const fresh = await openAnalyst('Ana', dir.dir);
      expect(await fresh.core.importAnnotations(baseText)).toMatchObject({ annotationsAdded: 5, orphans: [] });
      await fresh.core.close();
    } finally {
      await dir.cleanup();
    }
  });

  it('refuses 300 generated bad files with a message naming the problem, and changes nothing', async () => {
    await fc.assert(fc.asyncProperty(arbitraries(), expectRefused), { numRuns: 300, seed: 20260314 });
    expect(await hashTree(ana.dataDir)).toEqual(dataBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('refuses files over 50 MB, and absurd nesting, before parsing them', async () => {
    await expectRefused({ label: '50 MB of spaces', content: baseText + ' '.repeat(MAX_IMPORT_BYTES), expected: /the file is too large: 5\d\.\d MB, and imports are limited to 50\.0 MB/ });
    // 27 million characters, but 54 million bytes in UTF-8
    await expectRefused({ label: '2-byte characters', content: `"${'é'.repeat(27_000_000)}"`, expected: /the file is too large: 51\.5 MB/ });
    const deep = `{"format":"${EXPORT_FORMAT}","version":1.1,"documents":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    await expectRefused({ label: 'a million levels', content: deep, expected: /nested more than 64 levels deep \(at character \d+\)/ });
    await expectRefused({ label: 'empty', content: '   \n', expected: /the file is empty/ });
    expect(await hashTree(ana.dataDir)).toEqual(dataBefore);
  });
});
