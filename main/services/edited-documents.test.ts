// A file edited on disk between two sessions: its annotations follow the text or become visible
// orphans, and a notice says which. Real cores on real temp folders.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarginaliaCore } from './marginalia-core';
import type { MarginaliaCore } from './service-types';
import { ANA, SAMPLE_CORPUS_DIR, makeTempDir, spanRecord } from './test-support';
import { documentId } from './text-file';

const ARTICLE = [
  'Flooding in Lower Brenna',
  '',
  'The mayor of Lower Brenna said on Sunday that 40 homes were flooded after the river rose overnight.',
  'Rescue crews from Tarsk arrived on Monday morning, according to the regional emergency service.',
  '',
].join('\n');

let root: string;
let cleanup: () => Promise<void>;
const cores: MarginaliaCore[] = [];
beforeEach(async () => ({ dir: root, cleanup } = await makeTempDir()));
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await cleanup();
});

const corpusDir = () => join(root, 'corpus');
const articlePath = () => join(corpusDir(), 'brenna.txt');
const dataDir = () => join(root, 'data');

async function session(): Promise<MarginaliaCore> {
  const core = await createMarginaliaCore({ dataDir: dataDir(), sampleCorpusDir: SAMPLE_CORPUS_DIR });
  cores.push(core);
  await core.openInitialCorpus([corpusDir()]);
  await core.whenLoaded();
  return core;
}

async function closeAll(): Promise<void> {
  await Promise.all(cores.splice(0).map((c) => c.close()));
}

/** Tags three spans in the first session and closes it. */
async function annotateArticle(): Promise<void> {
  await mkdir(corpusDir(), { recursive: true });
  await writeFile(articlePath(), ARTICLE);
  const core = await session();
  await core.updateSettings({ analystName: 'Ana' });
  const creator = (await core.getSession()).analyst ?? ANA;
  const doc = { id: documentId(ARTICLE), text: ARTICLE };
  await core.saveRecords(doc.id, [
    spanRecord(doc, 'Lower Brenna', { id: 'place', tag: 'place', occurrence: 1, creator }),
    spanRecord(doc, '40 homes were flooded', { id: 'claim', tag: 'claim', note: 'check the council figure', creator }),
    spanRecord(doc, 'the regional emergency service', { id: 'source', tag: 'source', creator }),
  ]);
  await closeAll();
}

async function reopenEdited(edited: string) {
  await writeFile(articlePath(), edited);
  const core = await session();
  const id = documentId(edited);
  const spans = (await core.listRecords(id)).flatMap((r) => (r.kind === 'span' ? [r] : [])).sort((a, b) => a.target.start - b.target.start);
  return { core, id, annotations: spans, notices: (await core.getSession()).notices.map((n) => n.message) };
}

describe('an annotated article edited on disk', () => {
  it('insertion before the spans: every annotation shifts with the text, and a notice says so', async () => {
    await annotateArticle();
    const edited = ARTICLE.replace('Flooding in Lower Brenna\n', 'Flooding in Lower Brenna\nUpdated 14:05 with figures from the council.\n');
    const { core, annotations, notices } = await reopenEdited(edited);
    expect(annotations.map((a) => [a.id, edited.slice(a.target.start, a.target.end)])).toEqual([
      ['place', 'Lower Brenna'],
      ['claim', '40 homes were flooded'],
      ['source', 'the regional emergency service'],
    ]);
    expect(annotations.find((a) => a.id === 'claim')?.note).toBe('check the council figure');
    expect(notices).toContain('“Flooding in Lower Brenna” (brenna.txt) changed on disk since it was last opened: 3 annotations moved with the text.');
    expect(await core.listImportOrphans()).toEqual([]);
    // The old files are kept aside, not deleted, and do not come back at the next start.
    expect((await readdir(join(dataDir(), 'records', 'replaced'))).sort()).toEqual([`${documentId(ARTICLE)}.journal`]);
    await closeAll();
    const again = await session();
    expect(await again.listRecords(documentId(edited))).toHaveLength(3);
    expect((await again.getSession()).notices).toEqual([]);
  });

  it('an edit inside a span: that span is re-anchored onto the corrected words; the others stay', async () => {
    await annotateArticle();
    const edited = ARTICLE.replace('40 homes were flooded', '42 homes were flooded');
    const { annotations, notices } = await reopenEdited(edited);
    expect(annotations.map((a) => [a.id, edited.slice(a.target.start, a.target.end)])).toEqual([
      ['place', 'Lower Brenna'],
      ['claim', '42 homes were flooded'],
      ['source', 'the regional emergency service'],
    ]);
    // The quote follows the new text, so exports stay exact.
    expect(annotations.every((a) => a.target.quote === edited.slice(a.target.start, a.target.end))).toBe(true);
    expect(notices.join('\n')).toMatch(/kept their places, 1 annotation moved with the text/);
  });

  it('a rewrite: every annotation becomes a visible orphan with its reason, nothing vanishes silently', async () => {
    await annotateArticle();
    const edited = 'Flooding in the valley\n\nOfficials have not yet confirmed any damage.\n';
    const { core, annotations, notices } = await reopenEdited(edited);
    expect(annotations).toEqual([]);
    expect(notices.join('\n')).toContain('3 annotations could not be placed (listed under Orphans in the Layers panel)');
    const [set] = await core.listImportOrphans();
    expect(set?.sourceName).toBe('brenna.txt (edited on disk)');
    expect(set?.orphans.map((o) => [o.annotation.id, o.annotation.quote, o.reason])).toEqual([
      ['place', 'Lower Brenna', 'its text is no longer in the article after the file was edited on disk'],
      ['claim', '40 homes were flooded', 'its text is no longer in the article after the file was edited on disk'],
      ['source', 'the regional emergency service', 'its text is no longer in the article after the file was edited on disk'],
    ]);
    // Offsets of an orphan are those of the earlier text (kept in the data dir), in code points.
    const kept = await readFile(join(dataDir(), 'texts', `${documentId(ARTICLE)}.txt`), 'utf8');
    expect(kept).toBe(ARTICLE);
    for (const orphan of set?.orphans ?? []) expect([...kept].slice(orphan.annotation.start, orphan.annotation.end).join('')).toBe(orphan.annotation.quote);
  });
});
