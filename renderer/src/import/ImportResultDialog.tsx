// What an import did: counts, authors, the annotations placed by matching text (to check),
// warnings and the orphans with their reasons. Or, for a bad file, what was wrong (nothing was
// changed).
import type { ImportCounts, ImportResult } from '../../../shared/api';
import { type Creator, isLegacyCreatorId } from '../../../shared/model/records';
import { CloseActions, Modal } from '../ui/Modal';
import type { ImportOutcome } from './useImport';
import { OrphanList } from './OrphanList';
import { PlacedByMatch } from './PlacedByMatch';
import { NameClashes } from '../settings/NameClashes';

function Counts({ result }: { result: ImportResult }) {
  const rows: [string, number][] = [
    ['Documents matched', result.documentsMatched],
    ['Documents added', result.documentsAdded],
    ['Documents re-anchored', result.documentsReanchored],
    ['Documents unmatched', result.documentsUnmatched],
    ['Annotations added', result.annotationsAdded],
    ['Annotations updated', result.annotationsUpdated],
    ['Annotations unchanged', result.unchanged],
    ['Annotations re-anchored', result.annotationsReanchored],
    ['Orphans', result.orphans.length],
  ];
  return (
    <dl className="import-counts">
      {rows.map(([label, value]) => (
        <div key={label} className="import-count">
          <dt>{label}</dt>
          <dd>{value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "2 added, 1 updated, 0 unchanged" */
function countsLine(c: ImportCounts): string {
  return `${c.added.toLocaleString()} added, ${c.updated.toLocaleString()} updated, ${c.unchanged.toLocaleString()} unchanged`;
}

/** Name-based creators came from a file of format 1 / 1.1, which names authors only: a layer of their own. */
function authorName(creator: Creator): string {
  return isLegacyCreatorId(creator.id) ? `${creator.name} (by name, from an older export)` : creator.name;
}

interface ImportResultDialogProps {
  outcome: ImportOutcome;
  onClose: () => void;
  /** Opens the document and selects the annotation (the dialog closes). */
  onShowAnnotation?: (docId: string, spanId: string) => void;
}

export function ImportResultDialog({ outcome, onClose, onShowAnnotation }: ImportResultDialogProps) {
  if (outcome.kind === 'failed') {
    return (
      <Modal title="Import failed" onCancel={onClose} className="import-dialog">
        <p className="hint">{outcome.fileName}</p>
        <p className="form-error" role="alert">
          {outcome.message}
        </p>
        <CloseActions onClose={onClose} />
      </Modal>
    );
  }
  const { result } = outcome;
  return (
    <Modal title="Import result" onCancel={onClose} className="import-dialog">
      <p className="hint">
        {outcome.fileName}: exported by {result.exportedBy} on {new Date(result.exportedAt).toLocaleString()} (format version {result.version})
      </p>
      <Counts result={result} />
      {(result.recordCounts.review.added + result.recordCounts.review.updated + result.recordCounts.review.unchanged > 0 ||
        result.recordCounts.comment.added + result.recordCounts.comment.updated + result.recordCounts.comment.unchanged > 0) && (
        <p className="import-records">
          Review decisions: {countsLine(result.recordCounts.review)}. Comments: {countsLine(result.recordCounts.comment)}.
        </p>
      )}
      <p className="import-authors">Authors: {result.authors.length > 0 ? result.authors.map(authorName).join(', ') : 'none'}</p>
      <NameClashes clashes={result.nameClashes} />
      {result.annotationsReanchored > 0 && <PlacedByMatch count={result.annotationsReanchored} placements={result.placedByMatch ?? []} onShow={onShowAnnotation} />}
      {result.warnings.length > 0 && (
        <section aria-label="Import warnings">
          <h3 className="import-subtitle">Warnings</h3>
          <ul className="import-warnings">
            {result.warnings.map((w) => (
              <li key={w}>⚠ {w}</li>
            ))}
          </ul>
        </section>
      )}
      {result.orphans.length > 0 && (
        <section aria-label="Orphans">
          <h3 className="import-subtitle">Orphans (could not be placed; kept in {result.orphansFile ?? 'the imports folder'})</h3>
          <OrphanList orphans={result.orphans} />
        </section>
      )}
      <CloseActions onClose={onClose} />
    </Modal>
  );
}
