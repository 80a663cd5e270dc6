// Independent checks of exported offsets: Python's text[start:end] and Apache Annotator's
// TextQuoteSelector / TextPositionSelector matchers, on the sample corpus and the real one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Chunk, type Chunker, textPositionSelectorMatcher, textQuoteSelectorMatcher } from '@apache-annotator/selector';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExportFile, findExportInconsistencies } from '../../shared/export-format';
import type { Annotation } from '../../shared/model';
import { OffsetConverter, snapRange } from '../../shared/offsets';
import publishedSchema from '../../shared/schema/annotations.v1.schema.json';
import { createMarginaliaCore } from './marginalia-core';
import { SAMPLE_CORPUS_DIR, SHARED_CORPUS_DIR, makeAnnotation, makeTempDir, put } from './test-support';

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

function annotationsFor(doc: { id: string; text: string }): Annotation[] {
  const seen = new Set<string>();
  const result: Annotation[] = [];
  for (const [rawStart, rawEnd] of candidateSpans(doc.text)) {
    const snapped = snapRange(doc.text, rawStart, rawEnd, { toWordBoundaries: true });
    if (!snapped || seen.has(`${snapped.start}-${snapped.end}`)) continue;
    seen.add(`${snapped.start}-${snapped.end}`);
    result.push(makeAnnotation(doc, snapped.start, snapped.end, { type: TAGS[result.length % 4] }));
  }
  return result;
}

interface Exported {
  file: ExportFile;
  content: string;
  annotations: number;
}

async function exportCorpus(corpusDir: string): Promise<Exported> {
  const { dir, cleanup } = await makeTempDir();
  try {
    const core = await createMarginaliaCore({ dataDir: dir, sampleCorpusDir: SAMPLE_CORPUS_DIR });
    await core.openPaths([corpusDir], 'replace');
    const status = await core.whenLoaded();
    expect(status.documents.length).toBeGreaterThan(0);
    for (const summary of status.documents) {
      const doc = await core.getDocument(summary.id);
      const annotations = annotationsFor(doc);
      for (let i = 0; i < annotations.length; i += 200) await core.saveChanges(doc.id, annotations.slice(i, i + 200).map(put));
    }
    const built = await core.buildExport({ scope: 'all', includeText: true });
    await core.close();
    return { file: JSON.parse(built.content) as ExportFile, content: built.content, annotations: built.annotations };
  } finally {
    await cleanup();
  }
}

const validate = (() => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(publishedSchema);
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
    for a in doc["annotations"]:
        assert text[a["start"]:a["end"]] == a["quote"], (doc["fileName"], a["id"], a["start"], a["end"])
        assert text[:a["start"]].endswith(a["prefix"]) and text[a["end"]:].startswith(a["suffix"]), a["id"]
        count += 1
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
    for (const a of doc.annotations) {
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
    let exported: Exported;
    beforeAll(async () => {
      if (present) exported = await exportCorpus(corpusDir);
      else console.log(`Skipped: ${corpusDir} does not exist on this machine.`);
    });

    it.skipIf(!present)('validate against the published schema and the consistency check', () => {
      expect(exported.annotations).toBeGreaterThan(20);
      expect(validate(exported.file)).toBe(true);
      expect(findExportInconsistencies(exported.file)).toEqual([]);
      if (corpusDir === SAMPLE_CORPUS_DIR) {
        // the sample must exercise code points that differ from UTF-16 offsets
        const quotes = exported.file.documents.flatMap((d) => d.annotations.map((a) => a.quote));
        expect(quotes.some((q) => [...q].length < q.length)).toBe(true);
      }
      for (const doc of exported.file.documents) {
        const points = [...(doc.text ?? '')];
        for (const a of doc.annotations) expect(points.slice(a.start, a.end).join('')).toBe(a.quote);
      }
    });

    it.skipIf(!present)("agree with Python's text[start:end]", () => checkWithPython(exported));

    it.skipIf(!present)('are found by @apache-annotator/selector at exactly their position', () => checkWithApacheAnnotator(exported));
  });
}
