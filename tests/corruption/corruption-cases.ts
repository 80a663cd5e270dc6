// Hand-made damage to each kind of store file, and what the app must make of it.
// Journal rule: a torn LAST line is the normal trace of a crash and is dropped silently, and an
// empty journal is what every compaction leaves; so journal damage is placed mid-file.
import type { MarginaliaRecord } from '../../shared/model/records';
import type { SeededStore } from './store-seed';

export type StoreFileKind = 'snapshot' | 'journal' | 'config';

export interface CorruptionCase {
  name: string;
  file: StoreFileKind;
  corrupt(original: Buffer): Buffer;
  /** False for the two states the app treats as normal (torn tail, empty journal). */
  quarantined: boolean;
  /** The notice names the kept copy with these words (a rename says "moved to"). */
  keptWording?: string;
  /** The damaged document's annotations afterwards. */
  expectedForDamaged(seed: SeededStore, docId: string): MarginaliaRecord[];
  /** Config damage resets the settings to defaults. */
  resetsSettings?: boolean;
  /** Start a second time and check the store is healthy (one case per recovery path, for time). */
  restartAgain?: boolean;
}

function journalLines(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n').slice(0, -1);
}

function withoutIds(annotations: readonly MarginaliaRecord[], removed: readonly (MarginaliaRecord | undefined)[]): MarginaliaRecord[] {
  const ids = new Set(removed.map((a) => a?.id));
  return annotations.filter((a) => !ids.has(a.id));
}

const all = (seed: SeededStore, docId: string): MarginaliaRecord[] => seed.expected.get(docId) ?? [];

const invalidConfig = Buffer.from('{"analystName": "Ana", wordSnap: false}');

export const CORRUPTION_CASES: CorruptionCase[] = [
  // Snapshot: the journal written after it still replays.
  {
    name: 'snapshot truncated',
    file: 'snapshot',
    restartAgain: true,
    corrupt: (b) => b.subarray(0, Math.floor(b.length / 2)),
    quarantined: true,
    expectedForDamaged: (seed, id) => seed.journalOnly.get(id) ?? [],
  },
  {
    name: 'snapshot invalid JSON',
    file: 'snapshot',
    corrupt: (b) => {
      // Between two tokens, not inside a string, so the JSON itself breaks.
      const at = b.indexOf('"records":[') + '"records":['.length;
      return Buffer.concat([b.subarray(0, at), Buffer.from('}{,]'), b.subarray(at)]);
    },
    quarantined: true,
    expectedForDamaged: (seed, id) => seed.journalOnly.get(id) ?? [],
  },
  {
    name: 'snapshot wrong schema',
    file: 'snapshot',
    corrupt: (b) => {
      const data = JSON.parse(b.toString('utf8')) as { records: Record<string, unknown>[] };
      const first = data.records[0];
      if (first) first.tag = 'rumour';
      return Buffer.from(`${JSON.stringify(data)}\n`);
    },
    quarantined: true,
    expectedForDamaged: (seed, id) => seed.journalOnly.get(id) ?? [],
  },
  {
    name: 'snapshot empty',
    file: 'snapshot',
    corrupt: () => Buffer.alloc(0),
    quarantined: true,
    expectedForDamaged: (seed, id) => seed.journalOnly.get(id) ?? [],
  },
  // Journal: the snapshot and every readable line are kept.
  {
    name: 'journal truncated mid-file (line 3 of 6 cut short)',
    file: 'journal',
    restartAgain: true,
    corrupt: (b) => {
      const lines = journalLines(b);
      lines[2] = (lines[2] ?? '').slice(0, 40);
      return Buffer.from(`${lines.join('\n')}\n`);
    },
    quarantined: true,
    expectedForDamaged: (seed, id) => withoutIds(all(seed, id), [seed.journalOnly.get(id)?.[2]]),
  },
  {
    name: 'journal invalid JSON line mid-file',
    file: 'journal',
    corrupt: (b) => {
      const lines = journalLines(b);
      lines.splice(3, 0, '{"at":"2026-03-14","records":[{oops');
      return Buffer.from(`${lines.join('\n')}\n`);
    },
    quarantined: true,
    expectedForDamaged: all,
  },
  {
    name: 'journal wrong schema line mid-file',
    file: 'journal',
    corrupt: (b) => {
      const lines = journalLines(b);
      lines.splice(3, 0, JSON.stringify({ at: '2026-03-14', records: [{ kind: 'span', id: 'x', target: { start: 'zero' } }] }));
      return Buffer.from(`${lines.join('\n')}\n`);
    },
    quarantined: true,
    expectedForDamaged: all,
  },
  {
    name: 'journal empty (what compaction leaves: normal, not damage)',
    file: 'journal',
    corrupt: () => Buffer.alloc(0),
    quarantined: false,
    expectedForDamaged: (seed, id) => withoutIds(all(seed, id), seed.journalOnly.get(id) ?? []),
  },
  {
    name: 'journal torn last line (a crash mid-append: dropped silently)',
    file: 'journal',
    restartAgain: true,
    corrupt: (b) => Buffer.concat([b, Buffer.from('{"at":"2026-03-14","records":[{"kind":"span","id":"torn","target":{"docId":"')]),
    quarantined: false,
    expectedForDamaged: all,
  },
  // config.json: defaults are used; annotations are untouched.
  {
    name: 'config truncated',
    file: 'config',
    corrupt: (b) => b.subarray(0, Math.floor(b.length / 2)),
    quarantined: true,
    resetsSettings: true,
    expectedForDamaged: all,
  },
  { name: 'config invalid JSON', file: 'config', corrupt: () => invalidConfig, quarantined: true, resetsSettings: true, restartAgain: true, expectedForDamaged: all },
  {
    name: 'config wrong schema (not an object)',
    file: 'config',
    corrupt: () => Buffer.from('["analystName", "Ana"]'),
    quarantined: true,
    resetsSettings: true,
    expectedForDamaged: all,
  },
  {
    name: 'config wrong schema (fields of the wrong type)',
    file: 'config',
    restartAgain: true,
    corrupt: () => Buffer.from('{"analystName": 42, "wordSnap": "no", "openSources": "everything"}'),
    quarantined: true,
    keptWording: 'original file was kept as',
    resetsSettings: true,
    expectedForDamaged: all,
  },
  { name: 'config empty', file: 'config', corrupt: () => Buffer.alloc(0), quarantined: true, resetsSettings: true, expectedForDamaged: all },
];
