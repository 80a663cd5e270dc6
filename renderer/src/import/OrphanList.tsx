// Imported annotations that could not be placed, grouped by document: the document is named once
// (its title shortened: it is the article's first line), then one line per orphan saying why.
import type { ImportOrphan } from '../../../shared/api';
import { annotationName, oneLineQuote } from '../annotations/labels';

const TITLE_CHARS = 90;

function shortTitle(title: string): string {
  const line = oneLineQuote(title);
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS)}…` : line;
}

/** Orphans per document, in the order they come. */
function byDocument(orphans: readonly ImportOrphan[]): { key: string; title: string; fileName: string; orphans: ImportOrphan[] }[] {
  const groups = new Map<string, { key: string; title: string; fileName: string; orphans: ImportOrphan[] }>();
  for (const orphan of orphans) {
    const key = `${orphan.fileDocId}\n${orphan.fileName}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, title: orphan.documentTitle, fileName: orphan.fileName, orphans: [] }));
    group.orphans.push(orphan);
  }
  return [...groups.values()];
}

export function OrphanList({ orphans }: { orphans: readonly ImportOrphan[] }) {
  return (
    <div className="orphan-groups">
      {byDocument(orphans).map((group) => (
        <section key={group.key} className="orphan-group" aria-label={`Orphans of ${shortTitle(group.title)}`}>
          <h4 className="orphan-doc" title={group.title}>
            “{shortTitle(group.title)}” ({group.fileName})
          </h4>
          <ul className="orphan-list">
            {group.orphans.map((orphan) => (
              <li key={orphan.path} className="orphan-item">
                <span className="orphan-name">
                  {annotationName(orphan.annotation)} — {orphan.annotation.author}
                </span>
                : {orphan.reason}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
