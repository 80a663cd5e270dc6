import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { type Annotation, TAG_TYPES } from './model';
import { type ExportFile, ExportFileSchema, buildExport, exportJsonSchema, findExportInconsistencies } from './export-format';
import { parseExportFile } from './import-format';
import { OffsetConverter, quoteContext } from './offsets';
import publishedSchema from './schema/annotations.v1.schema.json';
import { normalizeText } from './text';

const DOC_ID = 'a'.repeat(64);
const TIME = '2026-03-14T09:30:00.000Z';

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(publishedSchema);
}

/** Annotations on every listed quote (first occurrence), with UTF-16 offsets as the app keeps them. */
function annotateQuotes(text: string, quotes: readonly string[]): Annotation[] {
  return quotes.map((quote, i) => {
    const start = text.indexOf(quote);
    if (start === -1) throw new Error(`missing ${quote}`);
    const end = start + quote.length;
    return {
      id: `a${i}`,
      docId: DOC_ID,
      type: TAG_TYPES[i % TAG_TYPES.length] ?? 'claim',
      start,
      end,
      ...quoteContext(text, start, end),
      note: '',
      author: 'Tester',
      createdAt: TIME,
      updatedAt: TIME,
    };
  });
}

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

describe('export offsets round-trip', () => {
  for (const { name, text, quotes } of CASES) {
    it(name, () => {
      const annotations = annotateQuotes(text, quotes);
      const file = buildExport([{ id: DOC_ID, title: 't', fileName: 'f.txt', text, annotations }], { exportedBy: 'Tester', includeText: true });
      expect(findExportInconsistencies(file)).toEqual([]);
      expect(ExportFileSchema.safeParse(file).success).toBe(true);
      const doc = file.documents[0];
      expect(doc?.length).toBe([...text].length);
      const converter = new OffsetConverter(text);
      for (const exported of doc?.annotations ?? []) {
        const original = annotations.find((a) => a.id === exported.id);
        expect([...text].slice(exported.start, exported.end).join('')).toBe(exported.quote);
        expect(converter.toUtf16(exported.start)).toBe(original?.start);
        expect(converter.toUtf16(exported.end)).toBe(original?.end);
      }
      expect(validator()(JSON.parse(JSON.stringify(file)))).toBe(true);
    });
  }

  it('exports annotations in text order', () => {
    const text = 'alpha beta gamma';
    const annotations = annotateQuotes(text, ['gamma', 'alpha beta', 'alpha']);
    const file = buildExport([{ id: DOC_ID, title: 't', fileName: 'f', text, annotations }], { exportedBy: 'x', includeText: false });
    expect(file.documents[0]?.annotations.map((a) => a.quote)).toEqual(['alpha beta', 'alpha', 'gamma']);
    expect(file.documents[0]).not.toHaveProperty('text');
    expect(validator()(file)).toBe(true);
  });
});

describe('findExportInconsistencies', () => {
  function sample(): ExportFile {
    const text = 'one 📍 two';
    return buildExport([{ id: DOC_ID, title: 't', fileName: 'f', text, annotations: annotateQuotes(text, ['two']) }], {
      exportedBy: 'x',
      includeText: true,
    });
  }

  it('reports a quote that does not match its offsets, naming the annotation', () => {
    const file = sample();
    const a = file.documents[0]?.annotations[0];
    if (!a) throw new Error('no annotation');
    a.start -= 1;
    expect(findExportInconsistencies(file).join('\n')).toMatch(/id a0.*quote does not match/);
  });

  it('reports offsets beyond the text and a wrong length', () => {
    const file = sample();
    const doc = file.documents[0];
    if (!doc?.annotations[0]) throw new Error('no annotation');
    doc.annotations[0].end = 99;
    doc.length = 3;
    const problems = findExportInconsistencies(file).join('\n');
    expect(problems).toMatch(/length 3 does not match/);
    expect(problems).toMatch(/beyond the document length/);
  });
});

describe('published JSON Schema', () => {
  it('equals what exportJsonSchema() generates (run `npm run schema` after changing the format)', () => {
    expect(publishedSchema).toEqual(JSON.parse(JSON.stringify(exportJsonSchema())));
  });

  it('is draft 2020-12 and rejects malformed exports', () => {
    expect(publishedSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const validate = validator();
    const good = buildExport([], { exportedBy: 'x', includeText: true });
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, offsetUnit: 'utf16' })).toBe(false);
    expect(validate({ ...good, extra: 1 })).toBe(false);
    expect(validate({ ...good, exportedAt: 'yesterday' })).toBe(false);
    const text = 'abc';
    const file = buildExport([{ id: DOC_ID, title: 't', fileName: 'f', text, annotations: annotateQuotes(text, ['b']) }], {
      exportedBy: 'x',
      includeText: true,
    });
    const broken = JSON.parse(JSON.stringify(file));
    broken.documents[0].annotations[0].type = 'rumour';
    expect(validate(broken)).toBe(false);
    broken.documents[0].annotations[0].type = 'claim';
    broken.documents[0].id = 'not-a-hash';
    expect(validate(broken)).toBe(false);
  });
});

describe('format 1.1: review and origin', () => {
  const text = 'Officials in Krasnovets said 1,200 residents were evacuated.';
  const [original, copy] = annotateQuotes(text, ['1,200 residents', '1,200 residents']) as [Annotation, Annotation];
  const reviewed: Annotation = {
    ...original,
    author: 'Ben',
    review: { status: 'rejected', by: 'Ana', at: TIME, reason: 'a figure, not a claim', comments: [{ by: 'Ana', at: TIME, text: 'See line 2' }] },
  };
  const accepted: Annotation = { ...copy, author: 'Ana', origin: { id: original.id, author: 'Ben' } };
  const file = buildExport([{ id: DOC_ID, title: 't', fileName: 'f.txt', text, annotations: [reviewed, accepted] }], { exportedBy: 'Ana', includeText: true });
  const json = (): Record<string, unknown> & { documents: { annotations: Record<string, unknown>[] }[] } => JSON.parse(JSON.stringify(file));

  it('writes version 1.1 with review and origin, valid against the published schema', () => {
    expect(file.version).toBe(1.1);
    const exported = file.documents[0]?.annotations ?? [];
    expect(exported.find((a) => a.id === reviewed.id)?.review).toEqual(reviewed.review);
    expect(exported.find((a) => a.id === accepted.id)?.origin).toEqual({ id: original.id, author: 'Ben' });
    expect(validator()(json())).toBe(true);
    expect(parseExportFile(JSON.stringify(file))).toEqual({ ok: true, file: json() });
  });

  it('still reads and validates version 1 files (no review fields)', () => {
    const v1 = json();
    v1.version = 1;
    for (const a of v1.documents[0]?.annotations ?? []) {
      delete a.review;
      delete a.origin;
    }
    expect(validator()(v1)).toBe(true);
    const parsed = parseExportFile(JSON.stringify(v1));
    expect(parsed.ok && parsed.file.version).toBe(1);
  });

  it('rejects malformed review fields and unknown versions, in the schema and in the parser', () => {
    const validate = validator();
    const noReason = json();
    delete (noReason.documents[0]?.annotations[0]?.review as Record<string, unknown>).reason;
    expect(validate(noReason)).toBe(false);
    expect(parseExportFile(JSON.stringify(noReason))).toEqual({ ok: false, problems: ['documents[0].annotations[0].review.reason: a rejection needs a reason'] });

    const badStatus = json();
    (badStatus.documents[0]?.annotations[0]?.review as Record<string, unknown>).status = 'maybe';
    expect(validate(badStatus)).toBe(false);
    expect(parseExportFile(JSON.stringify(badStatus)).ok).toBe(false);

    const extra = json();
    (extra.documents[0]?.annotations[1]?.origin as Record<string, unknown>).note = 'x';
    expect(validate(extra)).toBe(false);
    expect(parseExportFile(JSON.stringify(extra))).toEqual({ ok: false, problems: ['documents[0].annotations[1].origin: unexpected field "note"'] });

    const v2 = { ...json(), version: 2 };
    expect(validate(v2)).toBe(false);
    expect(parseExportFile(JSON.stringify(v2))).toEqual({ ok: false, problems: ['version: 2 is not supported; this Marginalia reads versions 1 and 1.1'] });
  });

  it('rejects a review of one’s own annotation with the field path', () => {
    const own = json();
    (own.documents[0]?.annotations[0]?.review as Record<string, unknown>).by = 'Ben';
    expect(parseExportFile(JSON.stringify(own))).toEqual({
      ok: false,
      problems: ['documents[0].annotations[0].review.by: annotation a0: Ben cannot reject their own annotation'],
    });
  });
});
