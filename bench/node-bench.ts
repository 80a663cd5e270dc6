// Save, export and agreement, measured in Node against the real services (createMarginaliaCore).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpanRecord } from '../shared/model/records';
import { TAG_TYPES } from '../shared/model';
import { runAgreementBenchmark } from './agreement-bench';
import { type ArticleSpec, buildFixture, openCore } from './fixtures';
import { Random } from './random';
import { type Figure, percentile, summarize } from './stats';

export const RUNS = 5;
const CHANGES_PER_RUN = 20;

export const BIG_ARTICLE: ArticleSpec = { fileName: 'big-1m.txt', title: 'Shelling reports along the river, collected', size: 1_000_000, annotations: 10_000 };
const SMALL_ARTICLES: ArticleSpec[] = Array.from({ length: 1000 }, (_, i) => ({
  fileName: `report-${String(i).padStart(4, '0')}.txt`,
  title: `Field report ${i + 1}: what the witnesses said`,
  size: 6_000,
  annotations: 100,
}));

export interface NodeFixtures {
  oneRoot: string;
  manyRoot: string;
  bigDocId: string;
}

export async function buildNodeFixtures(root: string, seed: number): Promise<NodeFixtures> {
  const oneRoot = join(root, 'one');
  const manyRoot = join(root, 'many');
  const one = await buildFixture(oneRoot, [BIG_ARTICLE], seed);
  await buildFixture(manyRoot, SMALL_ARTICLES, seed + 1);
  await buildFixture(manyRoot, [BIG_ARTICLE], seed); // same seed: the very same document
  const big = one.docs.get(BIG_ARTICLE.fileName);
  if (!big) throw new Error('big article missing');
  return { oneRoot, manyRoot, bigDocId: big.id };
}

/** Milliseconds per saveRecords of one record (a retag, fsynced), median of each run. */
async function saveCost(root: string, docId: string, seed: number): Promise<number[]> {
  const core = await openCore(root);
  const random = new Random(seed);
  // As stored in this data dir (each has its own analyst), so every save is the next revision.
  const annotations = (await core.listRecords(docId)).flatMap((r) => (r.kind === 'span' ? [r] : []));
  const current = new Map(annotations.map((a) => [a.id, a]));
  const change = () => {
    const old = current.get(random.pick(annotations).id) as SpanRecord;
    const next: SpanRecord = { ...old, tag: random.pick(TAG_TYPES), updatedAt: new Date().toISOString(), rev: old.rev + 1 };
    current.set(next.id, next);
    return [next];
  };
  try {
    for (let i = 0; i < 3; i++) await core.saveRecords(docId, change()); // loads the store
    const perRun: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const times: number[] = [];
      for (let i = 0; i < CHANGES_PER_RUN; i++) {
        const batch = change();
        const started = performance.now();
        await core.saveRecords(docId, batch);
        times.push(performance.now() - started);
      }
      perRun.push(percentile(times, 50));
    }
    return perRun;
  } finally {
    await core.close();
  }
}

async function exportCost(root: string, outFile: string): Promise<{ times: number[]; annotations: number; documents: number; bytes: number }> {
  const core = await openCore(root);
  try {
    const times: number[] = [];
    let last = { annotations: 0, documents: 0, bytes: 0 };
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const built = await core.buildExport({ scope: 'all', includeText: true });
      await writeFile(outFile, built.content);
      times.push(performance.now() - started);
      last = { annotations: built.annotations, documents: built.documents, bytes: Buffer.byteLength(built.content) };
    }
    return { times, ...last };
  } finally {
    await core.close();
  }
}

export async function runNodeBenchmarks(root: string, seed: number, log: (line: string) => void): Promise<Record<string, Figure>> {
  const started = performance.now();
  const exportRoot = join(root, 'export');
  await buildFixture(exportRoot, SMALL_ARTICLES, seed + 1);
  log(`  export data: 1,000 documents, 100,000 annotations (${((performance.now() - started) / 1000).toFixed(1)} s to generate and save)`);
  const exported = await exportCost(exportRoot, join(root, 'export.json'));
  log(`  export: ${exported.documents} documents, ${exported.annotations} annotations, ${(exported.bytes / 1e6).toFixed(1)} MB`);
  const fixtures = await buildNodeFixtures(root, seed);
  const one = await saveCost(fixtures.oneRoot, fixtures.bigDocId, seed);
  const many = await saveCost(fixtures.manyRoot, fixtures.bigDocId, seed);
  const ratios = many.map((value, i) => value / (one[i] ?? Number.NaN));
  const agreement = await runAgreementBenchmark(join(root, 'agreement'), seed, RUNS, log);
  return {
    save_change_ms_1_doc: summarize(one, 'ms'),
    save_change_ms_1000_docs: summarize(many, 'ms'),
    save_ratio_1000_vs_1_doc: summarize(ratios, '×'),
    export_100k_ms: summarize(exported.times, 'ms', 0),
    export_100k_mb: summarize([exported.bytes / 1e6], 'MB', 1),
    ...agreement,
  };
}
