import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeText, titleOf } from '../../shared/text';

export const SAMPLE_CORPUS = resolve(import.meta.dirname, '../../assets/sample-corpus');
/** The real articles beside the repo; read at test time, never copied in. */
export const SHARED_CORPUS = resolve(import.meta.dirname, '../../../shared/corpus');
export const hasSharedCorpus = existsSync(SHARED_CORPUS);

/**
 * For a spec on the real articles: null when ../shared/corpus is there; otherwise the reason to
 * skip, printed once with the spec's name (as the Electron project says why it skipped).
 */
export function sharedCorpusSkipReason(spec: string): string | null {
  if (hasSharedCorpus) return null;
  const reason = `../shared/corpus not found at ${SHARED_CORPUS}`;
  console.log(`[browser project] ${spec} skipped: ${reason}`);
  return reason;
}

export interface CorpusFile {
  fileName: string;
  title: string;
  text: string;
}

export function corpusFiles(dir: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((name) => /\.txt$/i.test(name))
    .sort()
    .map((fileName) => {
      const text = normalizeText(readFileSync(join(dir, fileName), 'utf8'));
      return { fileName, title: titleOf(text, fileName), text };
    });
}
