// Identity (issue 9, item 5): the analyst's stable id decides layers. A colleague on another
// machine who typed the same name never imports into my layer; the import result says so; a
// layer known by name only (a 1.x file) can be claimed with "This is me", explicitly and audited;
// a new display name keeps the id. Real cores on real temp data dirs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../shared/model/records';
import { CLAIMS_FILE, claimRecords } from './layer-claim';
import { type Analyst, docByFile, failureOf, openAnalyst, recordsOf, saveStep, spanBy } from './import-test-support';
import { makeTempDir } from './test-support';

const FILE = '01-veshnaya-dam-breach.txt';
let dirs: { dir: string; cleanup: () => Promise<void> }[] = [];
let open: Analyst[] = [];
async function analyst(name: string): Promise<Analyst> {
  const temp = await makeTempDir('marginalia-identity-');
  dirs.push(temp);
  const made = await openAnalyst(name, temp.dir);
  open.push(made);
  return made;
}
beforeEach(() => {
  dirs = [];
  open = [];
});
afterEach(async () => {
  for (const a of open) await a.core.close();
  for (const d of dirs) await d.cleanup();
});

async function exportOf(a: Analyst, version: 2 | 1.1): Promise<string> {
  return (await a.core.buildExport({ scope: 'all', includeText: true, version })).content;
}

describe('a colleague with my name', () => {
  it('with an analyst id of their own: a separate layer, reported, never editable as mine, never claimable', async () => {
    const me = await analyst('Ana');
    const colleague = await analyst('Ana');
    expect(colleague.me.id).not.toBe(me.me.id);
    const doc = docByFile(colleague, FILE);
    await colleague.core.saveRecords(doc.id, [spanBy(colleague, doc, 'Lesnaya Polyana', { id: 'theirs', tag: 'place' })]);
    await me.core.saveRecords(doc.id, [spanBy(me, doc, 'Open Imagery Collective', { id: 'mine', tag: 'source' })]);

    const result = await me.core.importAnnotations(await exportOf(colleague, 2), 'ana.json');
    expect(result.annotationsAdded).toBe(1);
    expect(result.nameClashes).toEqual([
      { creator: colleague.me, claimable: false, message: 'Ana (from ana.json) is not you (another analyst id): kept as a separate layer' },
    ]);
    const span = (await recordsOf(me, doc.id, 'span')).find((s) => s.id === 'theirs');
    expect(span?.creator.id).toBe(colleague.me.id);
    // Their tag is not mine to change: the core refuses, whatever the name says.
    const message = await failureOf(me.core.saveRecords(doc.id, [{ ...(span as SpanRecord), note: 'mine now?', rev: 2 }]));
    expect(message).toMatch(/only its creator can change it/);
    expect((await me.core.listAnalysts()).map((a) => a.id).sort()).toEqual([colleague.me.id, me.me.id].sort());
    // "This is me" exists only for layers known by name: an analyst id is never taken over.
    const claim = await me.core.claimLegacyLayer('Ana');
    expect(claim.claimed).toEqual({ span: 0, review: 0, comment: 0 });
    expect((await recordsOf(me, doc.id, 'span')).find((s) => s.id === 'theirs')?.creator.id).toBe(colleague.me.id);
  });

  it('from a 1.1 file (names only): reported as claimable; "This is me" makes the records mine, audited', async () => {
    const me = await analyst('Ana');
    const doc = docByFile(me, FILE);
    await me.core.saveRecords(doc.id, [spanBy(me, doc, 'Open Imagery Collective', { id: 'mine', tag: 'source' })]);
    const older = await analyst('Ana'); // e.g. my old Marginalia, exporting 1.1
    const olderDoc = docByFile(older, FILE);
    await older.core.saveRecords(olderDoc.id, [
      spanBy(older, olderDoc, 'Lesnaya Polyana', { id: 'old-place', tag: 'place' }),
      spanBy(older, olderDoc, 'Open Imagery Collective', { id: 'old-source', tag: 'source' }), // the same as my "mine"
    ]);

    const result = await me.core.importAnnotations(await exportOf(older, 1.1), 'old-ana.json');
    expect(result.annotationsAdded).toBe(2);
    expect(result.nameClashes).toEqual([
      {
        creator: { id: 'name:Ana', name: 'Ana', kind: 'person' },
        claimable: true,
        message: 'Ana (from old-ana.json) is not you (an older export names authors only): kept as a separate layer',
      },
    ]);
    const imported = (await recordsOf(me, doc.id, 'span')).filter((s) => s.creator.id === 'name:Ana');
    expect(imported).toHaveLength(2);
    expect(await failureOf(me.core.saveRecords(doc.id, [{ ...(imported[0] as SpanRecord), note: 'x', rev: (imported[0]?.rev ?? 0) + 1 }]))).toMatch(/only its creator/);

    const claim = await me.core.claimLegacyLayer('Ana');
    expect(claim).toMatchObject({ from: 'name:Ana', claimed: { span: 2, review: 0, comment: 0 }, removed: 1, documents: 1 });
    const spans = await recordsOf(me, doc.id, 'span');
    // My source once (the identical old one is removed), the old place now mine at its next revision.
    expect(spans.map((s) => [s.target.quote, s.creator.id]).sort()).toEqual([
      ['Lesnaya Polyana', me.me.id],
      ['Open Imagery Collective', me.me.id],
    ]);
    const place = spans.find((s) => s.target.quote === 'Lesnaya Polyana') as SpanRecord;
    expect(place.rev).toBe((imported.find((s) => s.id === place.id)?.rev ?? 0) + 1);
    expect((await me.core.listAnalysts()).map((a) => a.id)).toEqual([me.me.id]);
    // Now mine to change.
    await saveStep(me, doc.id, [{ ...place, note: 'checked' }]);
    expect((await recordsOf(me, doc.id, 'span')).find((s) => s.id === place.id)?.note).toBe('checked');
    // Audited before anything changed: who, from which layer, which records at which revisions.
    const lines = (await readFile(join(me.dataDir, CLAIMS_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const audit = JSON.parse(lines[0] as string);
    expect(audit).toMatchObject({ by: me.me, from: 'name:Ana', documents: [{ scope: doc.id }] });
    expect(audit.documents[0].records).toHaveLength(2);
    expect((await me.core.getSession()).notices.some((n) => n.message.includes('is now your layer'))).toBe(true);

    // The same file again: nothing comes back as a separate layer, and nothing to report.
    const again = await me.core.importAnnotations(await exportOf(older, 1.1), 'old-ana.json');
    expect(again.annotationsAdded).toBe(0);
    expect(again.nameClashes).toEqual([]);
    expect((await recordsOf(me, doc.id, 'span')).every((s) => s.creator.id === me.me.id)).toBe(true);
  });

  it('a name that differs only in case or spaces is still a clash; another name is none', async () => {
    const me = await analyst('Ana Petrova');
    const colleague = await analyst(' ana  petrova ');
    const ben = await analyst('Ben');
    for (const who of [colleague, ben]) {
      const doc = docByFile(who, FILE);
      await who.core.saveRecords(doc.id, [spanBy(who, doc, 'Lesnaya Polyana', { id: `s-${who.me.id}`, tag: 'place' })]);
    }
    expect((await me.core.importAnnotations(await exportOf(colleague, 2), null)).nameClashes?.map((c) => c.message)).toEqual([
      'ana  petrova (from the imported file) is not you (another analyst id): kept as a separate layer',
    ]);
    expect((await me.core.importAnnotations(await exportOf(ben, 2), 'ben.json')).nameClashes).toEqual([]);
  });
});

describe('changing my display name', () => {
  it('keeps my analyst id and layer; my layer shows the new name', async () => {
    const me = await analyst('Ana');
    const doc = docByFile(me, FILE);
    await me.core.saveRecords(doc.id, [spanBy(me, doc, 'Lesnaya Polyana', { id: 'p', tag: 'place' })]);
    const before = (await me.core.getSession()).settings.analystId;
    await me.core.updateSettings({ analystName: 'Ana Petrova' });
    const session = await me.core.getSession();
    expect(session.settings.analystId).toBe(before);
    expect(session.analyst).toEqual({ id: before, name: 'Ana Petrova', kind: 'person' });
    expect(await me.core.listAnalysts()).toEqual([expect.objectContaining({ id: before, name: 'Ana Petrova', annotations: 1 })]);
    // Still mine to change under the new name.
    const [span] = await recordsOf(me, doc.id, 'span');
    await saveStep(me, doc.id, [{ ...(span as SpanRecord), note: 'renamed' }]);
  });
});

describe('claimRecords (what a claim rewrites)', () => {
  const me = { id: 'me-0000001', name: 'Ana', kind: 'person' as const };
  const legacy = { id: 'name:Ana', name: 'Ana', kind: 'person' as const };
  const ben = { id: 'ben-0000001', name: 'Ben', kind: 'person' as const };
  const doc = { id: 'a'.repeat(64), text: 'The dam at Lesnaya Polyana broke, said Open Imagery Collective.' };
  const at = '2026-04-01T00:00:00.000Z';
  const span = (id: string, creator: typeof me, quote: string) => ({ ...spanBy({ me: creator }, doc, quote, { id, tag: 'place' }) });

  it('re-owns each record of the layer as its next revision; drops decisions on my own spans and unreferenced duplicates', () => {
    const mine = span('mine', me, 'Lesnaya Polyana');
    const dup = span('dup', legacy, 'Lesnaya Polyana');
    const dupWithComment = span('dup2', legacy, 'Lesnaya Polyana');
    const other = span('other', legacy, 'Open Imagery Collective');
    const benSpan = span('ben', ben, 'dam');
    const reviewOfMine = { kind: 'review' as const, id: 'r1', creator: legacy, rev: 1, createdAt: at, updatedAt: at, target: { docId: doc.id, spanId: 'mine' }, decision: 'accept' as const };
    const reviewOfBen = { ...reviewOfMine, id: 'r2', target: { docId: doc.id, spanId: 'ben' } };
    const comment = { kind: 'comment' as const, id: 'c1', creator: ben, rev: 1, createdAt: at, updatedAt: at, target: { docId: doc.id, spanId: 'dup2' }, text: 'why twice?' };
    const out = claimRecords([mine, dup, dupWithComment, other, benSpan, reviewOfMine, reviewOfBen, comment], 'name:Ana', me, at);
    expect(out.map((r) => [r.id, r.creator.id, r.rev, r.deleted ?? false])).toEqual([
      ['dup', me.id, 2, true],
      ['dup2', me.id, 2, false],
      ['other', me.id, 2, false],
      ['r1', me.id, 2, true],
      ['r2', me.id, 2, false],
    ]);
    expect(claimRecords([mine, benSpan, comment], 'name:Ana', me, at)).toEqual([]);
  });
});
