// Crash safety with real processes: the built browser host takes 1,000 rapid tag operations
// over HTTP, is SIGKILLed at a seeded random point, and is restarted on the same data dir.
// Every acknowledged operation must be there, and no store file may be unreadable.
// `npx vitest run` runs 3 kill points; `npm run test:crash` runs 10 (MARGINALIA_CRASH_KILL_POINTS).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../shared/api';
import type { MarginaliaRecord, SpanRecord } from '../../shared/model/records';
import { startHostProcess } from '../support/host-process';
import { randomInt, seededRng } from '../support/seeded';
import { inspectDataDir } from '../support/store-inspection';
import { type SyntheticDocument, writeSyntheticCorpus } from '../support/synthetic-corpus';
import { compareWithHistories, runTagLoad } from './tag-load';

const KILL_POINTS = Number(process.env.MARGINALIA_CRASH_KILL_POINTS ?? 3);
const BASE_SEED = Number(process.env.MARGINALIA_CRASH_SEED ?? 20_260_314);
const OPERATIONS = 1000;
const CONCURRENCY = 8;
const DOCUMENTS = 3;

let root: string;
let corpusDir: string;
let docs: SyntheticDocument[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-crash-'));
  corpusDir = join(root, 'corpus');
  docs = await writeSyntheticCorpus(corpusDir, seededRng(BASE_SEED), DOCUMENTS);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe(`SIGKILL during ${OPERATIONS} rapid tag operations (${KILL_POINTS} kill points, base seed ${BASE_SEED})`, () => {
  for (let round = 0; round < KILL_POINTS; round++) {
    const seed = BASE_SEED + round;
    // Spread the kill points over the run: early, middle and late all get covered.
    const killRng = seededRng(seed);
    const killAfter = randomInt(killRng, Math.floor((round * OPERATIONS) / KILL_POINTS) + 1, Math.floor(((round + 1) * OPERATIONS) / KILL_POINTS));
    // ...and then a random 0-3 ms later, so the kill lands anywhere in the request/fsync cycle.
    const killDelayMs = randomInt(killRng, 0, 3);

    it(`seed ${seed}: kill ${killDelayMs} ms after request ${killAfter}; every acknowledged operation survives`, async () => {
      const dataDir = join(root, `data-${round}`);
      const host = await startHostProcess({ dataDir, open: [corpusDir] });
      await host.whenLoaded(DOCUMENTS);
      const creator = await host.nameAnalyst('Crash Tester');

      const load = await runTagLoad({
        host,
        creator,
        docs,
        rng: seededRng(seed * 31 + 7),
        operations: OPERATIONS,
        concurrency: CONCURRENCY,
        afterSend: (n) => {
          if (n === killAfter) setTimeout(() => host.child.kill('SIGKILL'), killDelayMs);
        },
      });
      const ended = await host.stop('SIGKILL');
      expect(ended.signal, `the host must die by the kill; stderr: ${host.stderr()}`).toBe('SIGKILL');
      expect(load.unexpectedErrors).toEqual([]);

      // On disk, before any recovery: snapshots parse, journals have at most a torn last line.
      const onDisk = await inspectDataDir(dataDir);
      expect(onDisk.problems).toEqual([]);
      expect(onDisk.corruptFiles).toEqual([]);

      const restarted = await startHostProcess({ dataDir, open: [corpusDir] });
      try {
        await restarted.whenLoaded(DOCUMENTS);
        const found: SpanRecord[] = [];
        for (const doc of docs) for (const r of await restarted.call<MarginaliaRecord[]>('listRecords', doc.id)) if (r.kind === 'span') found.push(r);
        const session = await restarted.call<SessionInfo>('getSession');
        const afterRestart = await inspectDataDir(dataDir);
        console.log(
          `[crash] seed ${seed}: killed ${killDelayMs} ms after request ${killAfter}; sent ${load.sent}, acknowledged ${load.acked}, ` +
            `found ${found.length} annotations after restart; torn journal tails ${onDisk.tornJournals.length}, ` +
            `leftover temp files ${onDisk.leftoverTempFiles.length}`,
        );
        expect(compareWithHistories(found, load.histories)).toEqual([]);
        expect(session.notices, 'no error notices after the restart').toEqual([]);
        expect(afterRestart.problems).toEqual([]);
        expect(afterRestart.corruptFiles).toEqual([]);
        expect(afterRestart.tornJournals, 'recovery cuts the torn tails away').toEqual([]);
        // The host still works on the recovered store.
        const more = found.find((r) => r.id === 'op-1');
        if (more) await restarted.call('saveRecords', more.target.docId, [{ ...more, note: 'after restart', rev: more.rev + 1 }]);
      } finally {
        expect((await restarted.stop('SIGTERM')).code, `clean exit; stderr: ${restarted.stderr()}`).toBe(0);
      }
    });
  }
});
