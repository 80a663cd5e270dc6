// Many documents, through the core on a real data dir: Open folder adds to the open set, a document
// removed from it stays out at the next start (its annotations stay), opening its folder again takes
// it back; statuses and dates added survive a restart; per-creator counts; an empty folder says
// so; `~` in a typed path; search; the review overview across documents.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarginaliaCore } from './marginalia-core';
import type { MarginaliaCore } from './service-types';
import { DOCUMENT_STATES_FILE } from './document-states';
import { BEN, makeTempDir, spanRecord } from './test-support';
import { RecordStore } from './store/record-store';
import { NoticeBoard } from './notices';

let root: string;
let cleanup: () => Promise<void>;
const cores: MarginaliaCore[] = [];
beforeEach(async () => {
  now = new Date('2026-03-14T10:00:00.000Z');
  ({ dir: root, cleanup } = await makeTempDir('marginalia-docs-'));
  await mkdir(join(root, 'first'));
  await mkdir(join(root, 'second', 'sub'), { recursive: true });
  await mkdir(join(root, 'empty', 'nothing-here'), { recursive: true });
  await writeFile(join(root, 'first', 'harbour.txt'), 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n');
  await writeFile(join(root, 'first', 'bridge.txt'), 'Bridge closed\n\nThe bridge at Orlin was closed after shelling near Plyokhovo.\n');
  await writeFile(join(root, 'second', 'sub', 'market.md'), 'Market fire\n\nNo casualties were reported at the market.\n');
  await writeFile(join(root, 'empty', 'nothing-here', 'image.png'), 'not an article');
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await cleanup();
});

let now = new Date('2026-03-14T10:00:00.000Z');
const clock = (): Date => now;

async function start(): Promise<MarginaliaCore> {
  const core = await createMarginaliaCore({ dataDir: join(root, 'data'), sampleCorpusDir: join(root, 'first'), clock });
  cores.push(core);
  await core.updateSettings({ analystName: 'Ana' });
  await core.openInitialCorpus();
  await core.whenLoaded();
  return core;
}

async function restart(core: MarginaliaCore): Promise<MarginaliaCore> {
  await core.close();
  cores.splice(cores.indexOf(core), 1);
  return start();
}

const titles = async (core: MarginaliaCore) => (await core.whenLoaded()).documents.map((d) => d.title).sort();

describe('the open set', () => {
  it('Open folder adds to it; a removed document stays out after a restart, keeps its annotations, and comes back with its folder', async () => {
    let core = await start();
    expect(await titles(core)).toEqual(['Bridge closed', 'Harbour report']);
    await core.openPaths([join(root, 'second')], 'add');
    expect(await titles(core)).toEqual(['Bridge closed', 'Harbour report', 'Market fire']);

    const bridge = (await core.whenLoaded()).documents.find((d) => d.title === 'Bridge closed');
    if (!bridge) throw new Error('not loaded');
    const doc = await core.getDocument(bridge.id);
    const me = (await core.getSession()).analyst;
    if (!me) throw new Error('no analyst');
    await core.saveRecords(bridge.id, [spanRecord(doc, 'Orlin', { id: 'mine-1', creator: me, tag: 'place' })]);

    const after = await core.removeDocuments([bridge.id]);
    expect(after.documents.map((d) => d.title).sort()).toEqual(['Harbour report', 'Market fire']);
    core = await restart(core);
    expect(await titles(core)).toEqual(['Harbour report', 'Market fire']);

    // Opening its folder again on purpose takes it back, with its annotation.
    await core.openPaths([join(root, 'first')], 'add');
    expect(await titles(core)).toEqual(['Bridge closed', 'Harbour report', 'Market fire']);
    expect((await core.listRecords(bridge.id)).map((r) => r.id)).toEqual(['mine-1']);
  });

  it('a file opened by itself and removed is no longer reopened at the next start', async () => {
    let core = await start();
    const market = join(root, 'second', 'sub', 'market.md');
    await core.openPaths([market], 'add');
    const id = (await core.whenLoaded()).documents.find((d) => d.title === 'Market fire')?.id ?? '';
    await core.removeDocuments([id]);
    expect((await core.getSession()).settings.openSources).not.toContain(market);
    core = await restart(core);
    expect(await titles(core)).toEqual(['Bridge closed', 'Harbour report']);
  });

  it('statuses and dates added are the analyst’s, kept in the data dir across restarts', async () => {
    let core = await start();
    const [first] = (await core.whenLoaded()).documents;
    if (!first) throw new Error('nothing loaded');
    expect(first).toMatchObject({ status: 'not-started', addedAt: '2026-03-14T10:00:00.000Z' });
    now = new Date('2026-03-15T08:00:00.000Z');
    await core.setDocumentStatus(first.id, 'done');
    await core.openPaths([join(root, 'second')], 'add');
    core = await restart(core);
    const status = await core.whenLoaded();
    expect(status.documents.find((d) => d.id === first.id)).toMatchObject({ status: 'done', addedAt: '2026-03-14T10:00:00.000Z' });
    expect(status.documents.find((d) => d.title === 'Market fire')).toMatchObject({ status: 'not-started', addedAt: '2026-03-15T08:00:00.000Z' });
    expect(JSON.parse(await readFile(join(root, 'data', DOCUMENT_STATES_FILE), 'utf8'))).toMatchObject({ format: 'marginalia/document-states', version: 1 });
    await expect(core.setDocumentStatus('0'.repeat(64), 'done')).rejects.toThrow(/no open document/);
  });

  it('an unreadable statuses file is moved aside with a notice, and everything else loads', async () => {
    let core = await start();
    await core.close();
    cores.splice(0);
    await writeFile(join(root, 'data', DOCUMENT_STATES_FILE), '{"format": "something else"');
    core = await start();
    expect(await titles(core)).toEqual(['Bridge closed', 'Harbour report']);
    expect((await core.getSession()).notices.map((n) => n.message).join('\n')).toMatch(/Document statuses in .* could not be read .* moved to .*corrupt-/);
  });

  it('an empty folder says so; `~` in a typed path is the home folder', async () => {
    const core = await start();
    await core.openPaths([join(root, 'empty')], 'add');
    await core.whenLoaded();
    expect((await core.getSession()).notices.map((n) => n.message)).toContain(`The folder ${join(root, 'empty')} is empty: it holds no .txt or .md files (subfolders included).`);
    const previousHome = process.env.HOME;
    process.env.HOME = root;
    try {
      await core.openPaths(['~/second'], 'add');
    } finally {
      process.env.HOME = previousHome;
    }
    expect(await titles(core)).toEqual(['Bridge closed', 'Harbour report', 'Market fire']);
  });
});

describe('counts, search and the review overview', () => {
  it('counts each creator’s spans; search finds text; the overview lists documents with Ben’s spans left to review', async () => {
    const core = await start();
    const status = await core.whenLoaded();
    const harbour = status.documents.find((d) => d.title === 'Harbour report');
    const bridge = status.documents.find((d) => d.title === 'Bridge closed');
    if (!harbour || !bridge) throw new Error('not loaded');
    const me = (await core.getSession()).analyst;
    if (!me) throw new Error('no analyst');
    const harbourText = await core.getDocument(harbour.id);
    const bridgeText = await core.getDocument(bridge.id);
    await core.saveRecords(harbour.id, [spanRecord(harbourText, 'mayor', { creator: me, tag: 'source' })]);
    // Ben's spans arrive as an import would merge them (the store is shared by id, through a second store on the same dir after close).
    await core.close();
    cores.splice(0);
    const store = new RecordStore({ dir: join(root, 'data', 'records'), notices: new NoticeBoard() });
    await store.apply(harbour.id, [spanRecord(harbourText, '40 boats', { id: 'b1', creator: BEN, tag: 'figure' })], { mode: 'merge' });
    await store.apply(bridge.id, [spanRecord(bridgeText, 'Orlin', { id: 'b2', creator: BEN, tag: 'place' }), spanRecord(bridgeText, 'Plyokhovo', { id: 'b3', creator: BEN, tag: 'place' })], { mode: 'merge' });
    await store.flush();

    const again = await start();
    const docs = (await again.whenLoaded()).documents;
    expect(docs.find((d) => d.id === harbour.id)?.countsByCreator).toEqual({ [me.id]: { claim: 0, source: 1, figure: 0, place: 0 }, [BEN.id]: { claim: 0, source: 0, figure: 1, place: 0 } });
    expect(docs.find((d) => d.id === bridge.id)?.counts).toEqual({ claim: 0, source: 0, figure: 0, place: 2 });

    expect((await again.searchDocuments('plyokhovo shelling')).hits.map((h) => h.docId)).toEqual([bridge.id]);
    expect((await again.listReviewPending()).map((r) => [r.docId, r.pending, r.total]).sort()).toEqual(
      [
        [harbour.id, 1, 1],
        [bridge.id, 2, 2],
      ].sort(),
    );
  });
});
