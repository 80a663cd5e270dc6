// Independent checks of exported offsets: Python's text[start:end] and Apache Annotator's
// TextQuoteSelector / TextPositionSelector matchers, on the sample corpus and the real one, in
// version 2 (against its published schema) and in 1.1 (against the 1.x schema).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Chunk, type Chunker, textPositionSelectorMatcher, textQuoteSelectorMatcher } from '@apache-annotator/selector';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExportFile, type ExportFileV1, findExportInconsistencies } from '../../shared/export-format';
import { type CommentRecord, type Creator, type MarginaliaRecord, type SpanRecord } from '../../shared/model/records';
import { OffsetConverter, quoteContext, snapRange } from '../../shared/offsets';
import publishedV1 from '../../shared/schema/annotations.v1.schema.json';
import publishedV2 from '../../shared/schema/annotations.v2.schema.json';
import { createMarginaliaCore } from './marginalia-core';
import { SAMPLE_CORPUS_DIR, SHARED_CORPUS_DIR, makeTempDir } from './test-support';

/** The whole document as one chunk: enough for the matchers over a plain string. */
class StringChunker implements Chunker<Chunk<string>> {
  readonly currentChunk: Chunk<string>;
  constructor(text: string) {
    this.currentChunk = { data: text };
  }
  nextChunk(): null {
    return null;
  }
  previousChunk(): null {
    return null;
  }
  precedesCurrentChunk(): boolean {
    return false;
  }
}

const TAGS = ['claim', 'source', 'figure', 'place'] as const;
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Spans an analyst might tag: words, runs of words, non-BMP characters, quoted passages. */
function candidateSpans(text: string): [number, number][] {
  const words = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s): [number, number] => [s.index, s.index + s.segment.length]);
  const spans: [number, number][] = [];
  words.forEach((word, i) => {
    if (i % 9 === 0) spans.push(word);
    const fourth = words[i + 3];
    if (i % 13 === 0 && fourth) spans.push([word[0], fourth[1]]);
  });
  const first = words[0];
  const last = words.at(-1);
  if (first) spans.push(first);
  if (last) spans.push(last);
  for (let i = 0; i < text.length; i++) {
    if (text.codePointAt(i) !== undefined && (text.codePointAt(i) as number) > 0xffff) spans.push([i, i + 2]);
  }
  for (const match of text.matchAll(/“[^”\n]{1,200}”/g)) spans.push([match.index, match.index + match[0].length]);
  for (const match of text.matchAll(/\d[\d,.]*\u00a0\S+/g)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

const TIME = '2026-03-14T09:30:00.000Z';

/** The analyst's spans on the candidates, and a comment on every tenth. */
function recordsFor(doc: { id: string; text: string }, me: Creator): MarginaliaRecord[] {
  const seen = new Set<string>();
  const spans: SpanRecord[] = [];
  for (const [rawStart, rawEnd] of candidateSpans(doc.text)) {
    const snapped = snapRange(doc.text, rawStart, rawEnd, { toWordBoundaries: true });
    if (!snapped || seen.has(`${snapped.start}-${snapped.end}`)) continue;
    seen.add(`${snapped.start}-${snapped.end}`);
    const { start, end } = snapped;
    spans.push({
      kind: 'span', id: `s${spans.length}`, creator: me, rev: 1, createdAt: TIME, updatedAt: TIME,
      target: { docId: doc.id, start, end, ...quoteContext(doc.text, start, end) }, tag: TAGS[spans.length % 4] ?? 'claim', note: '',
    });
  }
  const comments = spans
    .filter((_s, i) => i % 10 === 0)
    .map((s, i): CommentRecord => ({ kind: 'comment', id: `c${i}`, creator: me, rev: 1, createdAt: TIME, updatedAt: TIME, target: { docId: doc.id, spanId: s.id }, text: `check ${s.target.quote}` }));
  return [...spans, ...comments];
}

interface Exported {
  version: 2 | 1.1;
  file: ExportFile | ExportFileV1;
  content: string;
  annotations: number;
}

async function exportCorpus(corpusDir: string): Promise<Exported[]> {
  const { dir, cleanup } = await makeTempDir();
  try {
    const core = await createMarginaliaCore({ dataDir: dir, sampleCorpusDir: SAMPLE_CORPUS_DIR });
    await core.updateSettings({ analystName: 'Tester' });
    const me = (await core.getSession()).analyst as Creator;
    await core.openPaths([corpusDir], 'replace');
    const status = await core.whenLoaded();
    expect(status.documents.length).toBeGreaterThan(0);
    for (const summary of status.documents) {
      const doc = await core.getDocument(summary.id);
      const records = recordsFor(doc, me);
      for (let i = 0; i < records.length; i += 200) await core.saveRecords(doc.id, records.slice(i, i + 200));
    }
    const exported: Exported[] = [];
    for (const version of [2, 1.1] as const) {
      const built = await core.buildExport({ scope: 'all', includeText: true, version });
      exported.push({ version, file: JSON.parse(built.content) as ExportFile | ExportFileV1, content: built.content, annotations: built.annotations });
    }
    await core.close();
    return exported;
  } finally {
    await cleanup();
  }
}

const validators = (() => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return { 2: ajv.compile(publishedV2), 1.1: ajv.compile(publishedV1) };
})();

const PYTHON_CHECK = `
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
assert data["offsetUnit"] == "codepoint"
count = 0
for doc in data["documents"]:
    text = doc["text"]
    assert len(text) == doc["length"], (doc["fileName"], len(text), doc["length"])
    ids = set()
    for a in doc["annotations"]:
        assert text[a["start"]:a["end"]] == a["quote"], (doc["fileName"], a["id"], a["start"], a["end"])
        assert text[:a["start"]].endswith(a["prefix"]) and text[a["end"]:].startswith(a["suffix"]), a["id"]
        if data["version"] == 2:
            assert a["author"] == a["creator"]["name"], a["id"]
        ids.add(a["id"])
        count += 1
    for kind in ("reviews", "comments"):
        for r in doc.get(kind, []):
            assert r["spanId"] in ids, (kind, r["id"])
print(count)
`;

function hasPython(): boolean {
  return spawnSync('python3', ['--version']).status === 0;
}

async function checkWithPython(exported: Exported): Promise<void> {
  if (!hasPython()) {
    console.log('Python sub-check skipped: python3 is not installed on this machine.');
    return;
  }
  const { dir, cleanup } = await makeTempDir();
  try {
    const path = join(dir, 'export.json');
    await writeFile(path, exported.content);
    const run = spawnSync('python3', ['-c', PYTHON_CHECK, path], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(Number(run.stdout.trim())).toBe(exported.annotations);
  } finally {
    await cleanup();
  }
}

async function checkWithApacheAnnotator({ file }: Exported): Promise<void> {
  for (const doc of file.documents) {
    const text = doc.text ?? '';
    const converter = new OffsetConverter(text);
    for (const a of doc.annotations as { id: string; start: number; end: number; quote: string; prefix: string; suffix: string }[]) {
      const start = converter.toUtf16(a.start);
      const end = converter.toUtf16(a.end);
      const byQuote = textQuoteSelectorMatcher({ type: 'TextQuoteSelector', exact: a.quote, prefix: a.prefix, suffix: a.suffix });
      const quoteMatches = [];
      for await (const match of byQuote(new StringChunker(text))) quoteMatches.push([match.startIndex, match.endIndex]);
      expect(quoteMatches, `${doc.fileName} ${a.id} ${JSON.stringify(a.quote)}`).toContainEqual([start, end]);

      // Apache Annotator counts TextPositionSelector offsets in code points, as our export does.
      const byPosition = textPositionSelectorMatcher({ type: 'TextPositionSelector', start: a.start, end: a.end });
      const positionMatches = [];
      for await (const match of byPosition(new StringChunker(text))) positionMatches.push([match.startIndex, match.endIndex]);
      expect(positionMatches, `${doc.fileName} ${a.id}`).toEqual([[start, end]]);
    }
  }
}

const corpora: [string, string][] = [
  ['the sample corpus', SAMPLE_CORPUS_DIR],
  ['../shared/corpus (real articles)', SHARED_CORPUS_DIR],
];

for (const [name, corpusDir] of corpora) {
  describe(`exported offsets on ${name}`, () => {
    const present = existsSync(corpusDir);
    let exports: Exported[];
    beforeAll(async () => {
      if (present) exports = await exportCorpus(corpusDir);
      else console.log(`Skipped: ${corpusDir} does not exist on this machine.`);
    });
    const of = (version: 2 | 1.1): Exported => exports.find((e) => e.version === version) as Exported;

    for (const version of [2, 1.1] as const) {
      it.skipIf(!present)(`version ${version}: validate against the published schema and the consistency check`, () => {
        const exported = of(version);
        expect(exported.file.version).toBe(version);
        expect(exported.annotations).toBeGreaterThan(20);
        const validate = validators[version];
        expect(validate(exported.file), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        expect(findExportInconsistencies(exported.file)).toEqual([]);
        const documents = exported.file.documents as { text?: string; annotations: { start: number; end: number; quote: string }[] }[];
        if (corpusDir === SAMPLE_CORPUS_DIR) {
          // the sample must exercise code points that differ from UTF-16 offsets
          const quotes = documents.flatMap((d) => d.annotations.map((a) => a.quote));
          expect(quotes.some((q) => [...q].length < q.length)).toBe(true);
        }
        for (const doc of documents) {
          const points = [...(doc.text ?? '')];
          for (const a of doc.annotations) expect(points.slice(a.start, a.end).join('')).toBe(a.quote);
        }
        if (version === 2) expect((exported.file as ExportFile).documents.some((d) => (d.comments ?? []).length > 0)).toBe(true);
      });

      it.skipIf(!present)(`version ${version}: agree with Python's text[start:end]`, () => checkWithPython(of(version)));
    }

    it.skipIf(!present)('1.1 and 2 place every span at the same code points', () => {
      const spans = (e: Exported) => (e.file.documents as { id: string; annotations: { id: string; start: number; end: number; quote: string }[] }[]).flatMap((d) => d.annotations.map((a) => [d.id, a.id, a.start, a.end, a.quote]));
      expect(spans(of(1.1))).toEqual(spans(of(2)));
    });

    it.skipIf(!present)('are found by @apache-annotator/selector at exactly their position', () => checkWithApacheAnnotator(of(2)));
  });
}
