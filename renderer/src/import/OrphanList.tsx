// Imported annotations that could not be placed, each with its document and reason.
import type { ImportOrphan } from '../../../shared/api';
import { annotationName } from '../annotations/labels';

export function OrphanList({ orphans }: { orphans: readonly ImportOrphan[] }) {
  return (
    <ul className="orphan-list">
      {orphans.map((orphan) => (
        <li key={`${orphan.fileDocId}-${orphan.path}`} className="orphan-item">
          <span className="orphan-name">
            {annotationName(orphan.annotation)} — {orphan.annotation.author}
          </span>
          <span className="orphan-doc">
            in “{orphan.documentTitle}” ({orphan.fileName}) — {orphan.reason}
          </span>
        </li>
      ))}
    </ul>
  );
}
