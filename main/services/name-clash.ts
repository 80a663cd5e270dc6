// Identity on import: an author of the file who has the analyst's own name but not their id is
// someone else (a colleague who typed the same name, or a 1.x file that names authors only). Their
// work stays a layer of its own; the import result says so, and a name-based layer can be claimed
// ("This is me", layer-claim.ts). Names are compared as people read them: case, accents' forms
// and surrounding spaces aside.
import type { NameClash } from '../../shared/api';
import { type Creator, isLegacyCreatorId } from '../../shared/model/records';
import type { RecordStore } from './store/record-store';

export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
  return fold(a) === fold(b);
}

/**
 * The file's authors named like the analyst who are not the analyst and now hold records in the
 * documents the import went into (an author whose records all turned out to be the analyst's own
 * already, e.g. after a claim, is no clash).
 */
export async function nameClashesOf(
  authors: readonly Creator[],
  analyst: Creator | null,
  sourceName: string | undefined,
  docIds: readonly string[],
  store: RecordStore,
): Promise<NameClash[]> {
  if (!analyst) return [];
  const suspects = authors.filter((c) => c.id !== analyst.id && sameName(c.name, analyst.name));
  if (suspects.length === 0) return [];
  const holding = new Set<string>();
  for (const docId of new Set(docIds)) for (const r of await store.list(docId)) holding.add(r.creator.id);
  const from = sourceName ? ` (from ${sourceName})` : ' (from the imported file)';
  return suspects
    .filter((c) => holding.has(c.id))
    .map((creator) => {
      const claimable = isLegacyCreatorId(creator.id);
      const why = claimable ? 'an older export names authors only' : 'another analyst id';
      return { creator, claimable, message: `${creator.name}${from} is not you (${why}): kept as a separate layer` };
    });
}
