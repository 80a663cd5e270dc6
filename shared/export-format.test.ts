import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAG_TYPES } from './model';
import {
  type CommentRecord,
  type Creator,
  type MarginaliaRecord,
  type ReviewRecord,
  type SpanRecord,
  legacyCreator,
} from './model/records';
import {
  type DocumentForExport,
  type ExportFile,
  type ExportFileV1,
  ExportFileSchema,
  ExportFileV1Schema,
  ExportedAnnotationSchema,
  buildExport,
  buildLegacyExport,
  exportJsonSchema,
  exportJsonSchemaV1,
  findExportInconsistencies,
  findExportSchemaProblems,
} from './export-format';
import { parseExportFile } from './import-format';
import { OffsetConverter, quoteContext } from './offsets';
import publishedV1 from './schema/annotations.v1.schema.json';
import publishedV2 from './schema/annotations.v2.schema.json';
import { normalizeText } from './text';

const DOC_ID = 'a'.repeat(64);
const T0 = '2026-03-14T09:30:00.000Z';
const T1 = '2026-03-15T09:30:00.000Z';
const T2 = '2026-03-16T09:30:00.000Z';
const ANA: Creator = { id: '5f0c1a52-ana0-4000-8000-000000000001', name: 'Ana', kind: 'person' };
const BEN: Creator = { id: '5f0c1a52-ben0-4000-8000-000000000002', name: 'Ben', kind: 'person' };
const CARL: Creator = { id: '5f0c1a52-carl-4000-8000-000000000003', name: 'Carl', kind: 'person' };

function validator(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validateV1 = validator(publishedV1);
const validateV2 = validator(publishedV2);

/** A span on the n-th occurrence of `quote`, UTF-16 offsets as the store keeps them. */
function span(text: string, quote: string, id: string, creator: Creator = BEN, extra: Partial<SpanRecord> = {}, occurrence = 0): SpanRecord {
  let start = -1;
  for (let n = 0; n <= occurrence; n++) start = text.indexOf(quote, start + 1);
  if (start === -1) throw new Error(`missing ${quote}`);
  const end = start + quote.length;
  return {
    kind: 'span',
    id,
    creator,
    rev: 1,
    createdAt: T0,
    updatedAt: T0,
    target: { docId: DOC_ID, start, end, ...quoteContext(text, start, end) },
    tag: TAG_TYPES[id.length % TAG_TYPES.length] ?? 'claim',
    note: '',
    ...extra,
  };
}

function review(id: string, of: SpanRecord, creator: Creator, decision: 'accept' | 'reject', at: string, extra: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    kind: 'review',
    id,
    creator,
    rev: 1,
    createdAt: at,
    updatedAt: at,
    target: { docId: DOC_ID, spanId: of.id },
    decision,
    ...(decision === 'reject' ? { reason: 'not a claim' } : {}),
    ...extra,
  };
}

function comment(id: string, of: SpanRecord, creator: Creator, at: string, text: string): CommentRecord {
  return { kind: 'comment', id, creator, rev: 1, createdAt: at, updatedAt: at, target: { docId: DOC_ID, spanId: of.id }, text };
}

function doc(text: string, records: MarginaliaRecord[]): DocumentForExport {
  return { id: DOC_ID, title: 't', fileName: 'f.txt', text, records };
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const CASES: { name: string; text: string; quotes: string[] }[] = [
  {
    name: 'BMP text with curly quotes and a non-breaking space',
    text: 'Dam breach near Krasnovets\n“At least 1,200 residents” were evacuated, about 40\u00a0km downstream, officials said.',
    quotes: ['Krasnovets', '“At least 1,200 residents”', '40\u00a0km', 'officials said'],
  },
  {
    name: 'non-BMP text (emoji and mathematical letters)',
    text: '📍 Tarsk: 𝑚𝑒𝑑𝑖𝑢𝑚 confidence 📍📍 in the count of up to 30 vehicles 🔗',
    quotes: ['📍', 'Tarsk', '𝑚𝑒𝑑𝑖𝑢𝑚', '📍📍', 'up to 30 vehicles', '🔗'],
  },
  {
    name: 'CRLF text (normalized to LF on load)',
    text: normalizeText('Fire at Belomor port\r\n\r\nAbout 120 firefighters\r\nfought the blaze.\r\n'),
    quotes: ['Belomor', 'About 120 firefighters\nfought', 'blaze.'],
  },
];

describe('version 2: offsets round-trip', () => {
  for (const { name, text, quotes } of CASES) {
    it(name, () => {
      const spans = quotes.map((q, i) => span(text, q, `s${i}`, i % 2 ? ANA : BEN));
      const records: MarginaliaRecord[] = [...spans, review('r0', spans[0] as SpanRecord, ANA, 'accept', T1), comment('c0', spans[1] as SpanRecord, BEN, T1, 'why?')];
      const file = buildExport([doc(text, records)], { exportedBy: ANA, includeText: true });
      expect(file).toMatchObject({ format: 'marginalia/annotations', version: 2, offsetUnit: 'codepoint', exportedBy: 'Ana' });
      expect(findExportInconsistencies(file)).toEqual([]);
      expect(ExportFileSchema.safeParse(file).success).toBe(true);
      expect(validateV2(json(file)), JSON.stringify(validateV2.errors)).toBe(true);
      const exported = file.documents[0];
      if (!exported) throw new Error('no document');
      expect(exported.length).toBe([...text].length);
      const converter = new OffsetConverter(text);
      expect(exported.annotations).toHaveLength(quotes.length);
      for (const a of exported.annotations) {
        const original = spans.find((s) => s.id === a.id) as SpanRecord;
        expect([...text].slice(a.start, a.end).join('')).toBe(a.quote);
        expect(converter.toUtf16(a.start)).toBe(original.target.start);
        expect(converter.toUtf16(a.end)).toBe(original.target.end);
        expect(a).toMatchObject({ author: original.creator.name, creator: original.creator, rev: 1, type: original.tag });
      }
      expect(parseExportFile(JSON.stringify(file))).toEqual({ ok: true, file: json(file) });
    });
  }

  it('keeps every field of version 1 on each span, in text order, and leaves the text out when asked', () => {
    const text = 'alpha beta gamma';
    const records = [span(text, 'gamma', 'g'), span(text, 'alpha beta', 'ab'), span(text, 'alpha', 'a', ANA)];
    const file = buildExport([doc(text, records)], { exportedBy: null, includeText: false });
    const exported = file.documents[0];
    expect(file.exportedBy).toBe('unknown');
    expect(exported?.annotations.map((a) => a.quote)).toEqual(['alpha beta', 'alpha', 'gamma']);
    expect(exported).not.toHaveProperty('text');
    const v1Fields = Object.keys(ExportedAnnotationSchema.shape).filter((k) => k !== 'origin' && k !== 'review');
    for (const a of exported?.annotations ?? []) expect(Object.keys(a).sort()).toEqual([...v1Fields, 'creator', 'rev'].sort());
    expect(validateV2(json(file))).toBe(true);
  });

  it('writes reviews and comments beside the spans, leaves out tombstones and what points at them, and names the origin of a copy', () => {
    const text = 'Officials in Krasnovets said 1,200 residents were evacuated.';
    const original = span(text, '1,200 residents', 'b1');
    const gone = { ...span(text, 'Krasnovets', 'b2'), rev: 2, deleted: true as const };
    const copy = span(text, '1,200 residents', 'a1', ANA, { origin: { id: 'b1', creatorId: BEN.id }, createdAt: T1, updatedAt: T1 });
    const ofGone = span(text, 'Krasnovets', 'a2', ANA, { origin: { id: 'b2', creatorId: BEN.id } });
    const lost = span(text, 'evacuated', 'a3', ANA, { origin: { id: 'x9', creatorId: 'name:Dora' } });
    const records: MarginaliaRecord[] = [
      original,
      gone,
      copy,
      ofGone,
      lost,
      review('r1', original, ANA, 'accept', T1, { copyId: 'a1' }),
      review('r2', gone, ANA, 'reject', T1),
      { ...comment('c1', original, ANA, T2, 'later'), rev: 3 },
      comment('c0', original, BEN, T1, 'earlier'),
      { ...comment('c2', original, ANA, T1, 'withdrawn'), deleted: true },
    ];
    const file = buildExport([doc(text, records)], { exportedBy: ANA, includeText: true, now: new Date(T2) });
    const exported = file.documents[0];
    // same place: by id; b2 is deleted, but a2 (Ana's copy of it) is not, and still names Ben
    expect(exported?.annotations.map((a) => a.id)).toEqual(['a2', 'a1', 'b1', 'a3']);
    expect(exported?.annotations.find((a) => a.id === 'a1')?.origin).toEqual({ id: 'b1', author: 'Ben', creatorId: BEN.id });
    expect(exported?.annotations.find((a) => a.id === 'a2')?.origin).toEqual({ id: 'b2', author: 'Ben', creatorId: BEN.id });
    expect(exported?.annotations.find((a) => a.id === 'a3')?.origin).toEqual({ id: 'x9', author: 'Dora', creatorId: 'name:Dora' });
    expect(exported?.reviews).toEqual([{ id: 'r1', creator: ANA, rev: 1, createdAt: T1, updatedAt: T1, spanId: 'b1', decision: 'accept', copyId: 'a1' }]);
    expect(exported?.comments).toEqual([
      { id: 'c0', creator: BEN, rev: 1, createdAt: T1, updatedAt: T1, spanId: 'b1', text: 'earlier' },
      { id: 'c1', creator: ANA, rev: 3, createdAt: T2, updatedAt: T2, spanId: 'b1', text: 'later' },
    ]);
    expect(JSON.stringify(file)).not.toContain('deleted');
    expect(findExportInconsistencies(file)).toEqual([]);
    expect(validateV2(json(file))).toBe(true);
    expect(findExportSchemaProblems(json(file))).toEqual([]);
  });
});

describe('findExportInconsistencies', () => {
  function sample(): ExportFile {
    const text = 'one 📍 two three';
    const two = span(text, 'two', 'b1');
    return json(buildExport([doc(text, [two, span(text, 'three', 'a1', ANA), review('r1', two, ANA, 'reject', T1), comment('c1', two, ANA, T1, 'x')])], { exportedBy: ANA, includeText: true }));
  }

  it('reports a quote that does not match its offsets, naming the annotation', () => {
    const file = sample();
    const a = file.documents[0]?.annotations[0];
    if (!a) throw new Error('no annotation');
    a.start -= 1;
    expect(findExportInconsistencies(file)).toEqual(['documents[0].annotations[0].quote (id b1): quote does not match the text at 5-9']);
  });

  it('reports offsets beyond the text and a wrong length', () => {
    const file = sample();
    const d = file.documents[0];
    if (!d?.annotations[0]) throw new Error('no annotation');
    d.annotations[0].end = 99;
    d.length = 3;
    const problems = findExportInconsistencies(file).join('\n');
    expect(problems).toMatch(/length 3 does not match/);
    expect(problems).toMatch(/annotations\[0\]\.end \(id b1\): end 99 is beyond the document length/);
  });

  it('reports names that are not their creator’s, records about spans that are not there, and reviews of one’s own span', () => {
    const file = sample();
    const d = file.documents[0];
    if (!d?.annotations[0] || !d.reviews?.[0] || !d.comments?.[0]) throw new Error('no records');
    d.annotations[0].author = 'Benjamin';
    d.comments[0].spanId = 'nowhere';
    d.reviews[0].creator = BEN;
    expect(findExportInconsistencies(file)).toEqual([
      'documents[0].annotations[0].author (id b1): "Benjamin" is not the name of its creator ("Ben")',
      'documents[0].reviews[0].creator (id r1): Ben cannot review their own annotation',
      'documents[0].comments[0].spanId (id c1): no annotation with id "nowhere" in this document',
    ]);
  });
});

describe('published JSON Schemas', () => {
  it('equal what the zod schemas generate (run `npm run schema` after changing the format)', () => {
    expect(publishedV2).toEqual(json(exportJsonSchema()));
    expect(publishedV1).toEqual(json(exportJsonSchemaV1()));
  });

  it('version 2 is draft 2020-12 and rejects malformed exports', () => {
    expect(publishedV2.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const good = json(buildExport([], { exportedBy: ANA, includeText: true }));
    expect(validateV2(good)).toBe(true);
    expect(validateV2({ ...good, offsetUnit: 'utf16' })).toBe(false);
    expect(validateV2({ ...good, extra: 1 })).toBe(false);
    expect(validateV2({ ...good, exportedAt: 'yesterday' })).toBe(false);
    expect(validateV2({ ...good, version: 1.1 })).toBe(false);
    const text = 'abc';
    const b = span(text, 'b', 'b1');
    const file = json(buildExport([doc(text, [b, review('r1', b, ANA, 'reject', T1)])], { exportedBy: ANA, includeText: true }));
    expect(validateV2(file)).toBe(true);
    const broken = (change: (d: ExportFile['documents'][number]) => void): ExportFile => {
      const copy = json(file);
      change(copy.documents[0] as ExportFile['documents'][number]);
      return copy;
    };
    expect(validateV2(broken((d) => ((d.annotations[0] as { type: string }).type = 'rumour')))).toBe(false);
    expect(validateV2(broken((d) => (d.id = 'not-a-hash')))).toBe(false);
    expect(validateV2(broken((d) => ((d.annotations[0] as { creator: unknown }).creator = { id: 'x', name: 'Ben' })))).toBe(false);
    expect(validateV2(broken((d) => ((d.annotations[0] as { rev: number }).rev = 0)))).toBe(false);
    expect(validateV2(broken((d) => delete (d.reviews?.[0] as { reason?: string }).reason))).toBe(false);
    expect(validateV2(broken((d) => ((d.reviews?.[0] as { decision: string }).decision = 'maybe')))).toBe(false);
    expect(validateV2(broken((d) => ((d.reviews?.[0] as { decision: string }).decision = 'accept')))).toBe(true);
  });
});

describe('version 1.1 from records', () => {
  const text = 'Officials in Krasnovets said 1,200 residents were evacuated.';
  const b1 = span(text, '1,200 residents', 'b1');
  const b2 = span(text, 'Krasnovets', 'b2');
  const b3 = span(text, 'evacuated', 'b3');
  const copy = span(text, '1,200 residents', 'a1', ANA, { origin: { id: 'b1', creatorId: BEN.id }, createdAt: T1, updatedAt: T1 });
  const records: MarginaliaRecord[] = [
    b1,
    b2,
    b3,
    copy,
    review('r1', b1, CARL, 'reject', T0, { updatedAt: T0 }),
    review('r2', b1, ANA, 'accept', T1, { copyId: 'a1' }),
    comment('c2', b1, BEN, T2, 'thanks'),
    comment('c1', b1, ANA, T1, 'see para 2'),
    review('r3', b2, ANA, 'reject', T2, { reason: 'a place, not a claim' }),
    comment('c3', b3, CARL, T1, 'source?'),
    // a decision by someone who shares the span's creator's name cannot be written in 1.1
    review('r4', b3, legacyCreator('Ben'), 'accept', T2),
  ];
  const file: ExportFileV1 = buildLegacyExport([doc(text, records)], { exportedBy: ANA, includeText: true });
  const annotations = file.documents[0]?.annotations ?? [];
  const byId = (id: string) => annotations.find((a) => a.id === id);

  it('embeds the latest decision and the comment thread in each annotation, and names origins by author', () => {
    expect(file.version).toBe(1.1);
    expect(file.exportedBy).toBe('Ana');
    expect(annotations.map((a) => a.id)).toEqual(['b2', 'a1', 'b1', 'b3']);
    expect(byId('b1')).toEqual({
      id: 'b1', type: b1.tag, start: b1.target.start, end: b1.target.end, quote: '1,200 residents', prefix: b1.target.prefix, suffix: b1.target.suffix,
      note: '', author: 'Ben', createdAt: T0, updatedAt: T0,
      review: { status: 'accepted', by: 'Ana', at: T1, comments: [{ by: 'Ana', at: T1, text: 'see para 2' }, { by: 'Ben', at: T2, text: 'thanks' }] },
    });
    expect(byId('b2')?.review).toEqual({ status: 'rejected', by: 'Ana', at: T2, reason: 'a place, not a claim', comments: [] });
    expect(byId('b3')?.review).toEqual({ status: 'pending', by: 'Carl', at: T1, comments: [{ by: 'Carl', at: T1, text: 'source?' }] });
    expect(byId('a1')?.origin).toEqual({ id: 'b1', author: 'Ben' });
    expect(byId('a1')).not.toHaveProperty('review');
    for (const a of annotations) expect(a).not.toHaveProperty('creator');
  });

  it('is exactly the old format: valid against the 1.x schema, and read back by the importer', () => {
    expect(ExportFileV1Schema.safeParse(file).success).toBe(true);
    expect(validateV1(json(file)), JSON.stringify(validateV1.errors)).toBe(true);
    expect(validateV2(json(file))).toBe(false);
    expect(findExportInconsistencies(file)).toEqual([]);
    expect(findExportSchemaProblems(json(file))).toEqual([]);
    expect(parseExportFile(JSON.stringify(file))).toEqual({ ok: true, file: json(file) });
  });

  it('still reads and validates version 1 files (no review fields)', () => {
    const v1 = json(file) as { version: number; documents: { annotations: Record<string, unknown>[] }[] };
    v1.version = 1;
    for (const a of v1.documents[0]?.annotations ?? []) {
      delete a.review;
      delete a.origin;
    }
    expect(validateV1(v1)).toBe(true);
    const parsed = parseExportFile(JSON.stringify(v1));
    expect(parsed.ok && parsed.file.version).toBe(1);
  });

  it('rejects malformed review fields, naming their path, in the schema and in the parser', () => {
    const mutate = (change: (a: Record<string, Record<string, unknown>>[]) => void) => {
      const copy = json(file) as unknown as { documents: { annotations: Record<string, Record<string, unknown>>[] }[] };
      change(copy.documents[0]?.annotations ?? []);
      return copy;
    };
    const noReason = mutate((a) => delete a[0]?.review?.reason);
    expect(validateV1(noReason)).toBe(false);
    expect(parseExportFile(JSON.stringify(noReason))).toEqual({ ok: false, problems: ['documents[0].annotations[0].review.reason: a rejection needs a reason'] });
    const badStatus = mutate((a) => ((a[0] as Record<string, Record<string, unknown>>).review = { ...a[0]?.review, status: 'maybe' }));
    expect(validateV1(badStatus)).toBe(false);
    expect(parseExportFile(JSON.stringify(badStatus)).ok).toBe(false);
    const extra = mutate((a) => ((a[1] as Record<string, Record<string, unknown>>).origin = { ...a[1]?.origin, note: 'x' }));
    expect(validateV1(extra)).toBe(false);
    expect(parseExportFile(JSON.stringify(extra))).toEqual({ ok: false, problems: ['documents[0].annotations[1].origin: unexpected field "note"'] });
    const own = mutate((a) => ((a[0] as Record<string, Record<string, unknown>>).review = { ...a[0]?.review, by: 'Ben' }));
    expect(parseExportFile(JSON.stringify(own))).toEqual({ ok: false, problems: ['documents[0].annotations[0].review.by: annotation b2: Ben cannot reject their own annotation'] });
  });
});

describe('parseExportFile', () => {
  const text = 'Officials in Krasnovets said 1,200 residents were evacuated.';
  const b1 = span(text, '1,200 residents', 'b1');
  const file = json(buildExport([doc(text, [b1, review('r1', b1, ANA, 'accept', T1), comment('c1', b1, ANA, T1, 'ok')])], { exportedBy: ANA, includeText: true }));

  it('names unsupported versions, with the versions it reads', () => {
    for (const version of [3, 2.1, '2', 0]) {
      expect(parseExportFile(JSON.stringify({ ...file, version }))).toEqual({
        ok: false,
        problems: [`version: ${JSON.stringify(version)} is not supported; this Marginalia reads versions 1, 1.1 and 2`],
      });
    }
  });

  it('checks a version-2 file against version 2, with the path of each problem', () => {
    const copy = json(file);
    const d = copy.documents[0];
    if (!d?.reviews?.[0] || !d.comments?.[0]) throw new Error('no records');
    (d.reviews[0] as { decision: string }).decision = 'reject';
    d.comments[0].id = 'r1';
    (d.annotations[0] as { review?: unknown }).review = { status: 'accepted' };
    expect(parseExportFile(JSON.stringify(copy))).toEqual({ ok: false, problems: ['documents[0].annotations[0]: unexpected field "review"', 'documents[0].reviews[0].reason: a rejection needs a reason'] });
    delete (d.annotations[0] as { review?: unknown }).review;
    d.reviews[0].reason = 'no';
    expect(parseExportFile(JSON.stringify(copy))).toEqual({ ok: false, problems: ['documents[0].comments[0].id: duplicate id "r1" (also reviews[0])'] });
  });

  it('reads a version-2 document without reviews or comments', () => {
    const copy = json(file);
    delete copy.documents[0]?.reviews;
    delete copy.documents[0]?.comments;
    expect(parseExportFile(JSON.stringify(copy)).ok).toBe(true);
    expect(validateV2(copy)).toBe(true);
  });
});

describe('findExportSchemaProblems (the fast mirror of the schemas)', () => {
  const text = 'Officials said 1,200 residents left; 📍 Lesnaya flooded.';
  const b1 = span(text, '1,200 residents', 'b1');
  const a1 = span(text, '📍 Lesnaya', 'a1', ANA, { origin: { id: 'b9', creatorId: legacyCreator('Ben').id }, note: 'n' });
  const records: MarginaliaRecord[] = [b1, a1, review('r1', b1, ANA, 'reject', T1), review('r2', a1, BEN, 'accept', T1, { copyId: 'x' }), comment('c1', b1, ANA, T1, 'why?')];
  const INTERESTING: unknown[] = [
    undefined, null, true, 0, 1, -1, 1.5, 2 ** 60, '', ' ', 'x', 'x'.repeat(101), 'x'.repeat(201), 'x'.repeat(221), 'x'.repeat(10_001), T0,
    '2026-02-30T10:00:00Z', 'd'.repeat(64), 'claim', 'accept', 'reject', 'person', 'robot', [], [{}], {}, { id: 'x', name: 'y', kind: 'person' }, 'codepoint', 1.1, 2,
  ];

  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (value === null || typeof value !== 'object') return [];
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
  }

  function mutate(root: unknown, path: (string | number)[], replacement: unknown, extraKey: boolean): unknown {
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

  for (const [version, build, schema] of [
    [2, () => buildExport([doc(text, records)], { exportedBy: ANA, includeText: true }), ExportFileSchema],
    [1.1, () => buildLegacyExport([doc(text, records)], { exportedBy: ANA, includeText: true }), ExportFileV1Schema],
  ] as const) {
    it(`finds problems in a version ${version} file exactly when zod does`, () => {
      const file = json(build());
      expect(findExportSchemaProblems(file)).toEqual([]);
      const all = paths(file);
      fc.assert(
        fc.property(fc.constantFrom(...all), fc.constantFrom(...INTERESTING), fc.boolean(), (path, value, extra) => {
          const candidate = mutate(file, path, value, extra);
          const version = (candidate as { version?: unknown }).version;
          const zodSays = version === 2 ? ExportFileSchema.safeParse(candidate).success : version === 1 || version === 1.1 ? ExportFileV1Schema.safeParse(candidate).success : false;
          expect(findExportSchemaProblems(candidate).length > 0).toBe(!zodSays);
        }),
        { numRuns: 2000, seed: 11 },
      );
      expect(schema.safeParse(file).success).toBe(true);
    });
  }
});
