// Builds a data dir through the real host for the corruption tests: three documents, A and B
// with a snapshot plus a journal, C with a journal only, and settings with an analyst name.
import type { MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { TAG_TYPES } from '../../shared/model';
import { startHostProcess } from '../support/host-process';
import { pick, seededRng } from '../support/seeded';
import { type SyntheticDocument, buildSpan, randomSpan, wordSpans } from '../support/synthetic-corpus';

/** Enough annotations with long notes to pass the store's 64 kB compaction threshold. */
const SNAPSHOT_BATCH = 160;
export const JOURNAL_LINES = 6;

export interface SeededStore {
  /** listRecords of every document after seeding. */
  expected: Map<string, MarginaliaRecord[]>;
  /** The records of each document that live in its journal, in journal order. */
  journalOnly: Map<string, MarginaliaRecord[]>;
}

export async function seedStore(dataDir: string, corpusDir: string, docs: readonly SyntheticDocument[]): Promise<SeededStore> {
  const rng = seededRng(4242);
  const host = await startHostProcess({ dataDir, open: [corpusDir] });
  const expected = new Map<string, MarginaliaRecord[]>();
  const journalOnly = new Map<string, MarginaliaRecord[]>();
  let seeded = false;
  try {
    await host.whenLoaded(docs.length);
    await host.call('updateSettings', { wordSnap: false });
    const ana = await host.nameAnalyst('Ana');
    let n = 0;
    const make = (doc: SyntheticDocument, note: string): SpanRecord => {
      const [start, end] = randomSpan(rng, wordSpans(doc.text));
      return buildSpan(doc, { id: `seed-${++n}`, tag: pick(rng, TAG_TYPES), start, end, note, at: '2026-03-14T09:30:00.000Z' }, ana);
    };
    for (const [index, doc] of docs.entries()) {
      if (index < 2) {
        const batch = Array.from({ length: SNAPSHOT_BATCH }, () => make(doc, 'n'.repeat(400)));
        await host.call('saveRecords', doc.id, batch); // one big batch: compacted into the snapshot
      }
      const journaled: SpanRecord[] = [];
      for (let i = 0; i < JOURNAL_LINES; i++) {
        const span = make(doc, `journal line ${i + 1}`);
        await host.call('saveRecords', doc.id, [span]); // one journal line each
        journaled.push(span);
      }
      journalOnly.set(doc.id, journaled);
      expected.set(doc.id, await host.call<MarginaliaRecord[]>('listRecords', doc.id));
    }
    seeded = true;
  } finally {
    const ended = await host.stop('SIGTERM');
    if (seeded && ended.code !== 0) seeded = false;
    if (!seeded) console.error(`seeding host ended with ${ended.code ?? ended.signal}: ${host.stderr()}`);
  }
  if (!seeded) throw new Error('seeding the store through the host failed (see above)');
  return { expected, journalOnly };
}
