// Keeps the save queue's unsaved changes in this tab's sessionStorage, keyed by data dir: they
// survive a reload and the page opened again at the host's new address after a restart (same
// origin when the port is the same), and never reach another data dir's page. A stored value that
// cannot be read is left alone (never silently replaced).
import { RecordSchema } from '../../../shared/model/records';
import type { ChangeKeeper, KeptChanges } from '../state/save-queue';

const PREFIX = 'marginalia:unsaved:';

export function keeperKey(dataDir: string): string {
  return `${PREFIX}${dataDir}`;
}

/** Parses what was kept; null when there is nothing usable. Each record is checked against the schema. */
export function parseKept(text: string | null): KeptChanges | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const kept: KeptChanges = {};
  for (const [docId, changes] of Object.entries(data as Record<string, unknown>)) {
    if (!/^[0-9a-f]{64}$/.test(docId) || !Array.isArray(changes)) continue;
    const valid = changes.flatMap((c: { record?: unknown; base?: unknown }) => {
      const record = RecordSchema.safeParse(c?.record);
      return record.success && Number.isInteger(c.base) && (c.base as number) >= 0 ? [{ record: record.data, base: c.base as number }] : [];
    });
    if (valid.length > 0) kept[docId] = valid;
  }
  return Object.keys(kept).length > 0 ? kept : null;
}

export function sessionKeeper(dataDir: string, storage: Storage | null = globalThis.sessionStorage ?? null): ChangeKeeper {
  const key = keeperKey(dataDir);
  return {
    read: () => parseKept(storage?.getItem(key) ?? null),
    write: (kept) => storage?.setItem(key, JSON.stringify(kept)),
    clear: () => storage?.removeItem(key),
  };
}
