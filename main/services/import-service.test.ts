import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../shared/export-format';
import { type Analyst, docByFile, failureOf, hashTree, openAnalyst } from './import-test-support';
import { SAMPLE_CORPUS_DIR, annotate, makeTempDir, put } from './test-support';

let root: string;
let cleanup: () => Promise<void>;
const open: Analyst[] = [];
beforeEach(async () => ({ dir: root, cleanup } = await makeTempDir('marginalia-import-')));
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.core.close()));
  await cleanup();
});

async function analyst(name: string, paths?: string[], folder = name): Promise<Analyst> {
  const a = await openAnalyst(name, join(root, folder), paths);
  open.push(a);
  return a;
}

const DAM = '01-veshnaya-dam-breach.txt';
const COLUMN = '02-tarsk-armoured-column.md';

/** Ben tags a few spans in two articles (one with non-BMP text) and exports everything. */
async function bensExport(options: { includeText: boolean } = { includeText: true }): Promise<{ ben: Analyst; content: string }> {
  const ben = await analyst('Ben');
  const dam = docByFile(ben, DAM);
  const column = docByFile(ben, COLUMN);
  await ben.core.saveChanges(dam.id, [
    put(annotate(dam, 'at least 1,200 residents', { id: 'b-dam-1', type: 'figure', author: 'Ben' })),
    put(annotate(dam, 'Irina Volkova', { id: 'b-dam-2', type: 'source', author: 'Ben' })),
    put(annotate(dam, 'Lesnaya Polyana', { id: 'b-dam-3', type: 'place', author: 'Ben' })),
  ]);
  await ben.core.saveChanges(column.id, [
    put(annotate(column, 'up to 30 armoured vehicles', { id: 'b-col-1', type: 'figure', author: 'Ben' })),
    put(annotate(column, '𝑚𝑒𝑑𝑖𝑢𝑚', { id: 'b-col-2', type: 'claim', author: 'Ben' })),
  ]);
  const built = await ben.core.buildExport({ scope: 'all', includeText: options.includeText });
  return { ben, content: built.content };
}

describe('importAnnotations', () => {
  it('imports another analyst’s export by document id, and a second import changes nothing', async () => {
    const { content } = await bensExport();
    const ana = await analyst('Ana');
    const first = await ana.core.importAnnotations(content, 'ben.json');
    expect(first).toMatchObject({ documentsMatched: 4, documentsAdded: 0, documentsReanchored: 0, annotationsAdded: 5, annotationsUpdated: 0, unchanged: 0, orphans: [], authors: ['Ben'], exportedBy: 'Ben', version: 1.1 });
    const dam = docByFile(ana, DAM);
    const listed = await ana.core.listAnnotations(dam.id);
    expect(listed.map((a) => [a.id, a.author, dam.text.slice(a.start, a.end)])).toEqual([
      ['b-dam-1', 'Ben', 'at least 1,200 residents'],
      ['b-dam-2', 'Ben', 'Irina Volkova'],
      ['b-dam-3', 'Ben', 'Lesnaya Polyana'],
    ]);
    const column = docByFile(ana, COLUMN);
    expect((await ana.core.listAnnotations(column.id)).find((a) => a.id === 'b-col-2')?.quote).toBe('𝑚𝑒𝑑𝑖𝑢𝑚');

    await ana.core.close();
    const before = await hashTree(ana.dataDir);
    const again = await analyst('Ana');
    const second = await again.core.importAnnotations(content, 'ben.json');
    expect(second).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, unchanged: 5, orphans: [] });
    await again.core.close();
    expect(await hashTree(again.dataDir)).toEqual(before);
  });

  it('keeps the newer version of an annotation with the same id', async () => {
    const { ben, content: oldExport } = await bensExport();
    const ana = await analyst('Ana');
    await ana.core.importAnnotations(oldExport);
    const dam = docByFile(ben, DAM);
    const [figure] = await ben.core.listAnnotations(dam.id);
    if (!figure) throw new Error('no annotation');
    await ben.core.saveChanges(dam.id, [put({ ...figure, note: 'checked against the briefing', updatedAt: '2026-03-15T08:00:00.000Z' })]);
    const newExport = (await ben.core.buildExport({ scope: 'all', includeText: false })).content;
    expect(await ana.core.importAnnotations(newExport)).toMatchObject({ annotationsUpdated: 1, unchanged: 4 });
    // the older file cannot undo the newer note
    expect(await ana.core.importAnnotations(oldExport)).toMatchObject({ annotationsUpdated: 0, unchanged: 5 });
    expect((await ana.core.listAnnotations(dam.id)).find((a) => a.id === figure.id)?.note).toBe('checked against the briefing');
  });

  it('adds a missing document from the text in the file, and keeps it after a restart', async () => {
    const { content } = await bensExport();
    const empty = join(root, 'empty-folder');
    await mkdir(empty);
    const ana = await analyst('Ana', [empty]);
    const result = await ana.core.importAnnotations(content);
    expect(result).toMatchObject({ documentsAdded: 4, documentsMatched: 0, annotationsAdded: 5 });
    expect((await readdir(join(ana.dataDir, 'documents'))).sort()).toEqual([
      '01-veshnaya-dam-breach.txt',
      '02-tarsk-armoured-column.md',
      '03-belomor-port-fire-crlf.txt',
      '04-orlin-market-casualties.txt',
    ]);
    await ana.core.close();
    const restarted = await analyst('Ana', [empty]);
    const dam = restarted.docs.find((d) => d.fileName === DAM);
    expect(dam && (await restarted.core.listAnnotations(dam.id)).map((a) => a.id)).toEqual(['b-dam-1', 'b-dam-2', 'b-dam-3']);
  });

  it('re-anchors into a near-identical copy of an article, and keeps what it cannot place as orphans', async () => {
    const { content } = await bensExport({ includeText: false });
    const original = await readFile(join(SAMPLE_CORPUS_DIR, DAM), 'utf8');
    const edited = original
      .replace('KRASNOVETS —', 'KRASNOVETS (Updated 16 March) —') // insertion before the spans
      .replace('Irina Volkova, a spokeswoman', 'Irina  Volkova, a spokeswoman') // changed whitespace in a quote
      .replace('Flooding has reached the outskirts of Lesnaya Polyana, about', 'Flooding has reached villages about'); // quote removed
    const folder = join(root, 'anas-copy');
    await mkdir(folder);
    await writeFile(join(folder, DAM), edited);
    const ana = await analyst('Ana', [folder]);
    const result = await ana.core.importAnnotations(content, 'ben-no-text.json');
    expect(result).toMatchObject({ documentsReanchored: 1, documentsUnmatched: 3, annotationsAdded: 2, annotationsReanchored: 2 });
    const [anasDam] = ana.docs;
    if (!anasDam) throw new Error('not loaded');
    const placed = await ana.core.listAnnotations(anasDam.id);
    expect(placed.map((a) => [a.id, anasDam.text.slice(a.start, a.end), a.quote])).toEqual([
      ['b-dam-1', 'at least 1,200 residents', 'at least 1,200 residents'],
      ['b-dam-2', 'Irina  Volkova', 'Irina  Volkova'],
    ]);
    expect(result.warnings.join('\n')).toMatch(/b-dam-2\): placed by fuzzy match/);
    const orphanIds = result.orphans.map((o) => o.annotation.id).sort();
    expect(orphanIds).toEqual(['b-col-1', 'b-col-2', 'b-dam-3']);
    expect(result.orphans.find((o) => o.annotation.id === 'b-dam-3')?.reason).toMatch(/quote was not found in “Satellite images show breach/);
    expect(result.orphans.find((o) => o.annotation.id === 'b-col-1')?.reason).toMatch(/does not include the text/);
    expect(result.orphansFile).toBe(join(ana.dataDir, 'imports', `${result.importId}.orphans.json`));
    const saved = await ana.core.listImportOrphans();
    expect(saved).toEqual([{ importId: result.importId, sourceName: 'ben-no-text.json', exportedBy: 'Ben', exportedAt: result.exportedAt, orphans: result.orphans }]);
  });

  it('rejects a bad file with the path of each problem, and changes nothing', async () => {
    const { content } = await bensExport();
    const ana = await analyst('Ana');
    await ana.core.saveChanges(docByFile(ana, DAM).id, [put(annotate(docByFile(ana, DAM), 'Lena Marsh', { author: 'Ana', type: 'source' }))]);
    const before = await hashTree(ana.dataDir);
    const file = JSON.parse(content) as ExportFile;
    const mutate = (change: (f: ExportFile) => void): string => {
      const copy = JSON.parse(content) as ExportFile;
      change(copy);
      return JSON.stringify(copy);
    };
    const damIndex = file.documents.findIndex((d) => d.fileName === DAM);
    const cases: [string, RegExp][] = [
      [mutate((f) => { const a = f.documents[damIndex]?.annotations[1]; if (a) a.end = a.start; }), new RegExp(`documents\\[${damIndex}\\]\\.annotations\\[1\\]\\.end \\(id b-dam-2\\): end \\d+ must be greater than start`)],
      [mutate((f) => { const a = f.documents[damIndex]?.annotations[0]; if (a) a.quote = 'at most 1,200 residents'; }), /annotations\[0\]\.quote \(id b-dam-1\): quote does not match the text/],
      [mutate((f) => { const d = f.documents[damIndex]; if (d) d.text = `${d.text ?? ''}!`; }), /length .* does not match its text/],
      [mutate((f) => { const d = f.documents[damIndex]; if (d) { d.text = `${d.text ?? ''}!`; d.length += 1; } }), /documents\[\d\]\.text: its SHA-256 .* does not equal the document id/],
      [mutate((f) => { const a = f.documents[damIndex]?.annotations[2]; if (a) a.end = 10_000_000; }), /annotations\[2\]\.end \(id b-dam-3\): end 10000000 is beyond the document length/],
      [content.slice(0, content.length / 2), /truncated/],
    ];
    for (const [bad, expected] of cases) {
      const message = await failureOf(ana.core.importAnnotations(bad, 'bad.json'));
      expect(message).toMatch(/^“bad\.json” was not imported, and nothing was changed: /);
      expect(message).toMatch(expected);
    }
    expect(await hashTree(ana.dataDir)).toEqual(before);
  });
});
