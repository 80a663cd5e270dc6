// The CSV export and the layer choice, on a real record store: RFC 4180 quoting, and offsets in
// code points checked by consumers that parse the file back and slice the text: Python's csv
// module (where python3 exists) and a plain RFC 4180 reader written here from the RFC.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../shared/api';
import type { ExportFile } from '../../shared/export-format';
import type { MarginaliaRecord, ReviewRecord } from '../../shared/model/records';
import type { LoadedDocument } from './corpus-loader';
import { CSV_COLUMNS, csvField, csvLine } from './csv-export';
import { buildExportFile } from './export-service';
import { NoticeBoard } from './notices';
import { RecordStore } from './store/record-store';
import { ANA, BEN, makeTempDir, spanRecord } from './test-support';

// Astral characters before the spans (so code points and UTF-16 differ), and quotes, commas,
// line breaks and leading spaces in titles, quotes and notes.
const DOC = {
  id: 'd'.repeat(64),
  title: 'Strike on "Depot 7", Kharkiv',
  fileName: 'depot, 7.txt',
  text: 'Strike on "Depot 7", Kharkiv\n\n🚀🚀 Officials said "at least 12, maybe 14"\nwere hurt. 📍 Kharkiv, 3 a.m.\n  indented line',
};
const OTHER = { id: 'e'.repeat(64), title: 'Quiet day', fileName: 'quiet.txt', text: 'Quiet day\n\nNothing happened in Odesa.' };
const AT = '2026-03-15T10:00:00.000Z';

let dir: string;
let cleanup: () => Promise<void>;
let store: RecordStore;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('marginalia-csv-'));
  store = new RecordStore({ dir: join(dir, 'records'), notices: new NoticeBoard() });
});
afterEach(async () => {
  await store.flush();
  await cleanup();
});

const quoteWithComma = spanRecord(DOC, '"at least 12, maybe 14"\nwere hurt', { id: 's1', creator: BEN, tag: 'figure', note: 'Two figures, "12" and "14"\r\nCheck both' });
const place = spanRecord(DOC, 'Kharkiv', { id: 's2', creator: ANA, tag: 'place', occurrence: 1 });
const indented = spanRecord(DOC, '  indented', { id: 's3', creator: ANA, tag: 'claim', note: ' leading space' });
const odesa = spanRecord(OTHER, 'Odesa', { id: 's4', creator: BEN, tag: 'place' });
const deleted: MarginaliaRecord = { ...spanRecord(OTHER, 'Nothing', { id: 's5', creator: ANA }), rev: 2, deleted: true };

async function seed(): Promise<void> {
  await store.apply(DOC.id, [quoteWithComma, place, indented], { mode: 'merge', origin: { kind: 'migration' } });
  await store.apply(OTHER.id, [odesa, deleted], { mode: 'merge', origin: { kind: 'migration' } });
}

function build(request: Partial<ExportRequest>) {
  return buildExportFile({
    request: { scope: 'all', includeText: true, format: 'csv', ...request },
    documents: [DOC, OTHER] as unknown as LoadedDocument[],
    store,
    exportedBy: ANA,
    now: new Date('2026-03-14T10:00:00Z'),
  });
}

/** RFC 4180, section 2, read literally: records end with CRLF; quoted fields may hold anything. */
function parseRfc4180(content: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < content.length) {
    if (content[i] === '"') {
      i++;
      for (;;) {
        const next = content.indexOf('"', i);
        if (next < 0) throw new Error('unterminated quoted field');
        field += content.slice(i, next);
        i = next + 1;
        if (content[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    }
    const ch = content[i];
    if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && content[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === undefined) {
      break;
    } else if (ch === '"' || ch === '\n' || ch === '\r') {
      throw new Error(`unexpected ${JSON.stringify(ch)} at ${i}: fields with quotes or line breaks must be quoted`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

const TEXTS = new Map([DOC, OTHER].map((d) => [d.id, d.text]));

describe('csvField (RFC 4180)', () => {
  it('quotes only what needs it and doubles quotes inside', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(42)).toBe('42');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('')).toBe('');
    expect(csvLine(['a', 'b,c', 1])).toBe('a,"b,c",1\r\n');
  });
});

describe('the CSV export', () => {
  it('one row per live span, in document then text order, with code point offsets a consumer can slice', async () => {
    await seed();
    const built = await build({});
    expect(built).toMatchObject({ fileName: 'marginalia-all-documents-2026-03-14.csv', documents: 2, annotations: 4 });
    const [header, ...rows] = parseRfc4180(built.content);
    expect(header).toEqual([...CSV_COLUMNS]);
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)] ?? '';
    expect(rows.map((r) => col(r, 'span_id'))).toEqual(['s1', 's2', 's3', 's4']); // the tombstone is left out
    for (const row of rows) {
      const text = TEXTS.get(col(row, 'document_id')) ?? '';
      // Code points: what Python's text[start:end] and [...text].slice() index.
      expect([...text].slice(Number(col(row, 'start')), Number(col(row, 'end'))).join('')).toBe(col(row, 'quote'));
    }
    const first = rows[0] ?? [];
    expect(col(first, 'document_title')).toBe('Strike on "Depot 7", Kharkiv');
    expect(col(first, 'file_name')).toBe('depot, 7.txt');
    expect(col(first, 'note')).toBe('Two figures, "12" and "14"\r\nCheck both');
    expect(col(first, 'tag')).toBe('figure');
    expect(col(first, 'author')).toBe('Ben');
    expect(col(first, 'author_id')).toBe(BEN.id);
    expect(Number(col(first, 'start'))).toBe(DOC.text.indexOf('"at least') - 2); // two astral characters before it
    expect(col(rows[2] ?? [], 'quote')).toBe('  indented');
    expect(col(rows[2] ?? [], 'note')).toBe(' leading space');
  });

  it('Python’s csv module reads the same rows and its slicing gives each quote', async () => {
    if (spawnSync('python3', ['--version']).status !== 0) {
      console.log('Python sub-check skipped: python3 is not installed on this machine.');
      return;
    }
    await seed();
    const built = await build({});
    const csvPath = join(dir, 'export.csv');
    const textsPath = join(dir, 'texts.json');
    await writeFile(csvPath, built.content, 'utf8');
    await writeFile(textsPath, JSON.stringify(Object.fromEntries(TEXTS)), 'utf8');
    const script = [
      'import csv, json, sys',
      'texts = json.load(open(sys.argv[2], encoding="utf-8"))',
      'rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))',
      'bad = [r["span_id"] for r in rows if texts[r["document_id"]][int(r["start"]):int(r["end"])] != r["quote"]]',
      'print(json.dumps({"rows": len(rows), "bad": bad, "notes": [r["note"] for r in rows]}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, csvPath, textsPath], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ rows: 4, bad: [], notes: ['Two figures, "12" and "14"\r\nCheck both', '', ' leading space', ''] });
  });

  it('only the chosen layers, for one document', async () => {
    await seed();
    const mine = await build({ layers: [ANA.id], scope: 'document', docId: DOC.id });
    const rows = parseRfc4180(mine.content).slice(1);
    expect(rows.map((r) => r[CSV_COLUMNS.indexOf('span_id')])).toEqual(['s2', 's3']);
    expect(mine).toMatchObject({ documents: 1, annotations: 2, fileName: 'marginalia-strike-on-depot-7-kharkiv-2026-03-14.csv' });
  });

  it('a header alone when there is nothing to list', async () => {
    const built = await build({});
    expect(built.content).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(built.annotations).toBe(0);
  });
});

describe('the JSON export of chosen layers', () => {
  it('keeps the chosen analysts’ spans and their records about them; a copy still names its origin’s author', async () => {
    const copy = { ...spanRecord(DOC, '"at least 12, maybe 14"\nwere hurt', { id: 'c1', creator: ANA, tag: 'figure' }), origin: { id: 's1', creatorId: BEN.id } };
    const accept: ReviewRecord = { kind: 'review', id: 'r1', creator: ANA, rev: 1, createdAt: AT, updatedAt: AT, target: { docId: DOC.id, spanId: 's1' }, decision: 'accept', copyId: 'c1' };
    const bensComment: MarginaliaRecord = { kind: 'comment', id: 'k1', creator: BEN, rev: 1, createdAt: AT, updatedAt: AT, target: { docId: DOC.id, spanId: 's2' }, text: 'Which Kharkiv?' };
    await seed();
    await store.apply(DOC.id, [copy, accept, bensComment], { mode: 'merge', origin: { kind: 'migration' } });

    const all = JSON.parse((await build({ format: 'json' })).content) as ExportFile;
    expect(all.documents[0]?.annotations.map((a) => a.id)).toEqual(['c1', 's1', 's2', 's3']);
    expect(all.documents[0]?.comments?.map((c) => c.id)).toEqual(['k1']);

    const anas = JSON.parse((await build({ format: 'json', layers: [ANA.id] })).content) as ExportFile;
    const doc = anas.documents[0];
    expect(doc?.annotations.map((a) => a.id)).toEqual(['c1', 's2', 's3']);
    expect(doc?.annotations[0]?.origin).toEqual({ id: 's1', author: 'Ben', creatorId: BEN.id });
    // Ana's decision is about Ben's span, which is not in her layer; Ben's comment is Ben's.
    expect(doc?.reviews ?? []).toEqual([]);
    expect(doc?.comments ?? []).toEqual([]);
    expect(anas.documents[1]?.annotations).toEqual([]);
  });
});
