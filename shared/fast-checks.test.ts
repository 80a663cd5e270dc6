// The hand-written fast checks must never accept what zod rejects (or would change), and
// must accept the ordinary valid records, else they save nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findExportSchemaProblems, schemaForVersion } from './export-format';
import { isValidAnnotation, isValidRecord } from './fast-checks';
import { RecordSchema } from './model/records';
import { type Annotation, AnnotationSchema } from './model';

const DOC = { id: 'd'.repeat(64), title: 'Floods', fileName: 'floods.txt', text: 'Officials said 1,200 residents left; 📍 Lesnaya flooded.' };
const TIME = '2026-03-14T10:11:12.345Z';

function annotation(start: number, end: number, extra: Partial<Annotation> = {}): Annotation {
  return {
    id: `a${start}`, docId: DOC.id, type: 'place', start, end, quote: DOC.text.slice(start, end),
    prefix: DOC.text.slice(0, start), suffix: DOC.text.slice(end), note: '', author: 'Ana', createdAt: TIME, updatedAt: TIME, ...extra,
  };
}

const VALID: Annotation[] = [
  annotation(0, 9),
  annotation(37, 39, { origin: { id: 'x9', author: 'Ben' } }),
  annotation(15, 20, { review: { status: 'rejected', by: 'Ana', at: TIME, reason: 'rounded', comments: [{ by: 'Ben', at: '2026-03-15T10:00:00+02:00', text: 'why?' }] } }),
  annotation(5, 9, { review: { status: 'pending', by: 'Ana', at: TIME, comments: [] } }),
];

type Tree = unknown;
const INTERESTING: unknown[] = [
  undefined, null, true, 0, 1, -1, 1.5, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY, '', ' ', 'x', 'x'.repeat(101), 'x'.repeat(201),
  'x'.repeat(10_001), TIME, '2026-02-30T10:00:00Z', '2026-03-14T10:11Z', '2026-03-14 10:11:12Z', 'd'.repeat(64), 'D'.repeat(64),
  'claim', 'bogus', 'pending', 'accepted', 'rejected', [], [{}], {}, { id: 'x', author: 'y' }, 'codepoint', 1.1, 'marginalia/annotations',
];

function paths(value: Tree, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

/** A copy of `root` with the value at `path` replaced (undefined: deleted) or, with `extraKey`, a key added. */
function mutate(root: Tree, path: (string | number)[], replacement: unknown, extraKey: boolean): Tree {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  const key = path[path.length - 1] as string | number;
  if (extraKey) {
    const target = parent[key];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>).extra = replacement;
  } else if (replacement === undefined && !Array.isArray(parent)) delete parent[key];
  else parent[key] = replacement;
  return copy;
}

function mutations(root: Tree): fc.Arbitrary<Tree> {
  const all = paths(root);
  return fc.tuple(fc.constantFrom(...all), fc.constantFrom(...INTERESTING), fc.boolean()).map(([path, value, extra]) => mutate(root, path, value, extra));
}

/** A 1.1 file holding the VALID annotations (what the v1 store mirror and the 1.x schema share). */
function legacyFile() {
  return {
    format: 'marginalia/annotations', version: 1.1, offsetUnit: 'codepoint', exportedAt: TIME, exportedBy: 'Ana',
    documents: [{ id: DOC.id, title: DOC.title, fileName: DOC.fileName, length: [...DOC.text].length, text: DOC.text, annotations: VALID.map(({ docId: _docId, ...a }) => a) }],
  };
}

function zodAccepts(candidate: unknown): boolean {
  const schema = schemaForVersion((candidate as { version?: unknown } | null)?.version);
  return schema !== null && schema.safeParse(candidate).success;
}

describe('fast checks', () => {
  it('accept the ordinary valid records', () => {
    for (const a of VALID) expect(isValidAnnotation(a)).toBe(true);
    expect(findExportSchemaProblems(legacyFile())).toEqual([]);
  });

  it('never accept an annotation zod rejects or would change', () => {
    for (const base of VALID) {
      fc.assert(
        fc.property(mutations(base), (candidate) => {
          if (!isValidAnnotation(candidate)) return;
          const parsed = AnnotationSchema.safeParse(candidate);
          expect(parsed.success).toBe(true);
          expect(parsed.data).toStrictEqual(candidate);
        }),
        { numRuns: 500, seed: 7 },
      );
    }
  });

  it('find schema problems exactly when zod does', () => {
    fc.assert(
      fc.property(mutations(legacyFile()), (candidate) => {
        expect(findExportSchemaProblems(candidate).length > 0).toBe(!zodAccepts(candidate));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

const CREATOR = { id: 'c0a1e2b3-0000-4000-8000-00000000a0a0', name: 'Ana', kind: 'person' } as const;
const SPAN = (start: number, end: number, extra: object = {}) => ({
  kind: 'span', id: `s${start}`, creator: CREATOR, rev: 1, createdAt: TIME, updatedAt: TIME,
  target: { docId: DOC.id, start, end, quote: DOC.text.slice(start, end), prefix: DOC.text.slice(0, start), suffix: DOC.text.slice(end) },
  tag: 'place', note: '', ...extra,
});
const RECORDS: unknown[] = [
  SPAN(0, 9),
  SPAN(37, 39, { origin: { id: 'x9', creatorId: 'name:Ben' }, rev: 4, deleted: true }),
  { kind: 'review', id: 'r1', creator: CREATOR, rev: 2, createdAt: TIME, updatedAt: TIME, target: { docId: DOC.id, spanId: 's0' }, decision: 'reject', reason: 'rounded' },
  { kind: 'review', id: 'r2', creator: CREATOR, rev: 1, createdAt: TIME, updatedAt: TIME, target: { docId: DOC.id, spanId: 's0' }, decision: 'accept', copyId: 's37' },
  { kind: 'comment', id: 'c1', creator: CREATOR, rev: 1, createdAt: TIME, updatedAt: '2026-03-15T10:00:00+02:00', target: { docId: DOC.id, spanId: 's0' }, text: 'why?' },
];

describe('isValidRecord (the record store loads without zod when this says yes)', () => {
  it('accepts the ordinary valid records', () => {
    for (const r of RECORDS) {
      expect(RecordSchema.safeParse(r).success).toBe(true);
      expect(isValidRecord(r)).toBe(true);
    }
  });

  it('never accepts what RecordSchema rejects or would change (4,000 mutations)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECORDS).chain((r) => mutations(r)), (mutated) => {
        if (!isValidRecord(mutated)) return;
        const parsed = RecordSchema.safeParse(mutated);
        expect(parsed.success, JSON.stringify(mutated)).toBe(true);
        expect(parsed.data).toEqual(mutated);
      }),
      { numRuns: 4000, seed: 20261202 },
    );
  });
});
