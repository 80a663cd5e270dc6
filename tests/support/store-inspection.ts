// Reads a data dir the way a suspicious reviewer would: every store file must parse, and
// nothing may have been moved aside as corrupt.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseJournal, parseSnapshot } from '../../main/services/store/record-files';

export interface StoreInspection {
  /** Problems, one sentence each; empty when every store file is readable. */
  problems: string[];
  /** `*.corrupt-*` files anywhere under the data dir (relative paths). */
  corruptFiles: string[];
  /** Torn journal tails (allowed: an unacknowledged write cut short by the kill). */
  tornJournals: string[];
  /** Leftover temp files of an interrupted atomic write (harmless, listed for the report). */
  leftoverTempFiles: string[];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export async function inspectDataDir(dataDir: string): Promise<StoreInspection> {
  const result: StoreInspection = { problems: [], corruptFiles: [], tornJournals: [], leftoverTempFiles: [] };
  for (const path of await listFiles(dataDir)) {
    const name = relative(dataDir, path);
    if (/\.corrupt-/.test(name)) {
      result.corruptFiles.push(name);
      continue;
    }
    const store = /^records[/\\]([0-9a-f]{64}|corpus)\.(json|journal)$/.exec(name);
    if (store) {
      const [, docId = '', kind] = store;
      const bytes = await readFile(path);
      if (kind === 'json') {
        const parsed = parseSnapshot(bytes.toString('utf8'), docId);
        if (!parsed.ok) result.problems.push(`${name}: ${parsed.why}`);
      } else {
        const parsed = parseJournal(bytes, docId);
        for (const bad of parsed.badLines) result.problems.push(`${name}: line ${bad.line}: ${bad.why}`);
        if (parsed.keptBytes < bytes.length) result.tornJournals.push(name);
      }
    } else if (name === 'config.json') {
      try {
        const data: unknown = JSON.parse(await readFile(path, 'utf8'));
        if (typeof data !== 'object' || data === null || Array.isArray(data)) result.problems.push('config.json: not a JSON object');
      } catch (error) {
        result.problems.push(`config.json: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (/^records[/\\][^/\\]+$/.test(name)) {
      result.leftoverTempFiles.push(name);
    }
  }
  return result;
}
