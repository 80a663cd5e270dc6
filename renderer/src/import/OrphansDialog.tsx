// "Orphaned annotations": what every past import could not place. Never dropped silently.
import { useEffect, useState } from 'react';
import type { ImportOrphanSet } from '../../../shared/api';
import { api } from '../api/api';
import { CloseActions, Modal } from '../ui/Modal';
import { OrphanList } from './OrphanList';

export function OrphansDialog({ onClose }: { onClose: () => void }) {
  const [sets, setSets] = useState<ImportOrphanSet[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listImportOrphans().then(setSets, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  const total = sets?.reduce((n, s) => n + s.orphans.length, 0) ?? 0;
  return (
    <Modal title="Orphaned annotations" onCancel={onClose} className="import-dialog">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {sets === null && !error && <p className="hint">Loading…</p>}
      {sets !== null && total === 0 && <p className="panel-empty">No orphans: every imported annotation found its place.</p>}
      {sets?.map(
        (set) =>
          set.orphans.length > 0 && (
            <section key={set.importId} aria-label={`Orphans from ${set.sourceName ?? set.importId}`}>
              <h3 className="import-subtitle">
                {set.sourceName ?? set.importId} — exported by {set.exportedBy} on {new Date(set.exportedAt).toLocaleString()}
              </h3>
              <OrphanList orphans={set.orphans} />
            </section>
          ),
      )}
      <CloseActions onClose={onClose} />
    </Modal>
  );
}
