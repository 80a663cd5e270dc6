// Writes the benchmark data through the real services: article files in a corpus folder,
// annotations saved with createMarginaliaCore().saveChanges into a data dir.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpanRecord } from '../shared/model/records';
import { createMarginaliaCore } from '../main/services/marginalia-core';
import type { MarginaliaCore } from '../main/services/service-types';
import { generateAnnotations, generateArticle } from './data';
import { Random } from './random';

export interface ArticleSpec {
  fileName: string;
  title: string;
  size: number;
  annotations: number;
}

export interface Fixture {
  corpusDir: string;
  dataDir: string;
  /** By file name. */
  docs: Map<string, { id: string; text: string; annotations: SpanRecord[] }>;
}

const SAVE_BATCH = 2000;

export async function openCore(root: string): Promise<MarginaliaCore> {
  const core = await createMarginaliaCore({ dataDir: join(root, 'data'), sampleCorpusDir: join(root, 'corpus') });
  await core.openPaths([join(root, 'corpus')], 'replace');
  await core.whenLoaded();
  return core;
}

/** Creates `root`/corpus with the articles and `root`/data with their annotations saved. */
export async function buildFixture(root: string, specs: readonly ArticleSpec[], seed: number): Promise<Fixture> {
  const random = new Random(seed);
  const corpusDir = join(root, 'corpus');
  await mkdir(corpusDir, { recursive: true });
  const texts = new Map<string, string>();
  for (const spec of specs) {
    const text = generateArticle(random, spec.size, spec.title);
    texts.set(spec.fileName, text);
    await writeFile(join(corpusDir, spec.fileName), text);
  }
  const core = await openCore(root);
  await core.updateSettings({ analystName: 'Bench', tourDone: true });
  const creator = (await core.getSession()).analyst;
  if (!creator) throw new Error('no analyst');
  const status = await core.getCorpusStatus();
  const docs: Fixture['docs'] = new Map();
  for (const spec of specs) {
    const summary = status.documents.find((d) => d.fileName === spec.fileName);
    const text = texts.get(spec.fileName);
    if (!summary || text === undefined) throw new Error(`${spec.fileName} did not load`);
    const annotations = generateAnnotations(random, summary.id, text, spec.annotations, creator);
    for (let i = 0; i < annotations.length; i += SAVE_BATCH) await core.saveRecords(summary.id, annotations.slice(i, i + SAVE_BATCH));
    docs.set(spec.fileName, { id: summary.id, text, annotations });
  }
  await core.close();
  return { corpusDir, dataDir: join(root, 'data'), docs };
}
