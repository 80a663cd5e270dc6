// Store files corrupted by hand, against the real host process: for each kind of file
// (annotations snapshot, journal, config.json) and each kind of damage, the app starts, moves
// the file aside with its bytes intact, says so in a notice, and loads everything else.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../shared/api';
import type { MarginaliaRecord } from '../../shared/model/records';
import { DEFAULT_SETTINGS } from '../../shared/api';
import { type HostProcess, startHostProcess } from '../support/host-process';
import { seededRng } from '../support/seeded';
import { type SyntheticDocument, writeSyntheticCorpus } from '../support/synthetic-corpus';
import { CORRUPTION_CASES, type StoreFileKind } from './corruption-cases';
import { type SeededStore, seedStore } from './store-seed';

let root: string;
let corpusDir: string;
let templateDir: string;
let docs: SyntheticDocument[];
let seed: SeededStore;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-corruption-'));
  corpusDir = join(root, 'corpus');
  templateDir = join(root, 'template');
  docs = await writeSyntheticCorpus(corpusDir, seededRng(99), 3, 12);
  seed = await seedStore(templateDir, corpusDir, docs);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function damagedDoc(): SyntheticDocument {
  const doc = docs[0];
  if (!doc) throw new Error('no documents');
  return doc;
}

function targetPath(dataDir: string, file: StoreFileKind): string {
  const id = damagedDoc().id;
  if (file === 'config') return join(dataDir, 'config.json');
  return join(dataDir, 'records', `${id}.${file === 'snapshot' ? 'json' : 'journal'}`);
}

async function keptCopies(path: string): Promise<string[]> {
  const prefix = `${basename(path)}.corrupt-`;
  return (await readdir(dirname(path))).filter((n) => n.startsWith(prefix)).map((n) => join(dirname(path), n));
}

const byId = (records: readonly MarginaliaRecord[]): MarginaliaRecord[] => [...records].sort((a, b) => a.id.localeCompare(b.id));

async function annotationsOf(host: HostProcess): Promise<Map<string, MarginaliaRecord[]>> {
  const found = new Map<string, MarginaliaRecord[]>();
  for (const doc of docs) found.set(doc.id, await host.call<MarginaliaRecord[]>('listRecords', doc.id));
  return found;
}

describe('hand-corrupted store files (real host process)', () => {
  it('the seeded data dir has a snapshot and a journal for the damaged document', async () => {
    const journal = await readFile(targetPath(templateDir, 'journal'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(6);
    expect((await readFile(targetPath(templateDir, 'snapshot'))).length).toBeGreaterThan(64 * 1024);
    expect(JSON.parse(await readFile(targetPath(templateDir, 'config'), 'utf8'))).toMatchObject({ analystName: 'Ana', wordSnap: false });
  });

  // Each case has its own data dir and host processes, so they can run side by side.
  it.concurrent.for(CORRUPTION_CASES.map((c) => [c.name, c] as const))('%s', async ([, testCase], { expect }) => {
    const dataDir = join(root, testCase.name.replace(/[^a-z0-9]+/gi, '-'));
    await cp(templateDir, dataDir, { recursive: true });
    const path = targetPath(dataDir, testCase.file);
    const damaged = testCase.corrupt(await readFile(path));
    await writeFile(path, damaged);

    const host = await startHostProcess({ dataDir, open: [corpusDir] });
    let firstView: Map<string, MarginaliaRecord[]>;
    try {
      await host.whenLoaded(docs.length);
      const session = await host.call<SessionInfo>('getSession');
      firstView = await annotationsOf(host);
      const copies = await keptCopies(path);

      if (testCase.quarantined) {
        // Moved aside (or, for a repaired config, copied aside) with its bytes exactly as they were.
        expect(copies).toHaveLength(1);
        expect(await readFile(copies[0] ?? '')).toEqual(damaged);
        expect(session.notices).toHaveLength(1);
        const message = session.notices[0]?.message ?? '';
        expect(message).toContain(path);
        expect(message).toContain(`${testCase.keptWording ?? 'moved to'} ${copies[0]}`);
        expect(['warning', 'error']).toContain(session.notices[0]?.level);
      } else {
        expect(copies).toEqual([]);
        expect(session.notices).toEqual([]);
      }

      // The damaged document keeps what can be read; every other document is intact.
      const damagedId = damagedDoc().id;
      for (const doc of docs) {
        const expected = doc.id === damagedId ? testCase.expectedForDamaged(seed, doc.id) : (seed.expected.get(doc.id) ?? []);
        expect(byId(firstView.get(doc.id) ?? []), `annotations of ${doc.fileName}`).toEqual(byId(expected));
      }
      const settings = session.settings;
      if (testCase.resetsSettings) expect({ analystName: settings.analystName, wordSnap: settings.wordSnap }).toEqual({ analystName: DEFAULT_SETTINGS.analystName, wordSnap: DEFAULT_SETTINGS.wordSnap });
      else expect(settings).toMatchObject({ analystName: 'Ana', wordSnap: false });
    } finally {
      expect((await host.stop('SIGTERM')).code, host.stderr()).toBe(0);
    }

    // A second start finds a healthy store: no new notice, nothing moved, the same annotations.
    if (!testCase.restartAgain) return;
    const again = await startHostProcess({ dataDir, open: [corpusDir] });
    try {
      await again.whenLoaded(docs.length);
      expect((await again.call<SessionInfo>('getSession')).notices).toEqual([]);
      expect(await keptCopies(path)).toHaveLength(testCase.quarantined ? 1 : 0);
      const secondView = await annotationsOf(again);
      for (const doc of docs) expect(byId(secondView.get(doc.id) ?? [])).toEqual(byId(firstView.get(doc.id) ?? []));
    } finally {
      expect((await again.stop('SIGTERM')).code, again.stderr()).toBe(0);
    }
  });
});
