// Choose what to export; the host then downloads the file (browser) or asks where to save it (Electron).
import { type FormEvent, useState } from 'react';
import type { ExportRequest, ExportResult } from '../../../shared/api';
import { FormActions, Modal } from '../ui/Modal';

interface ExportDialogProps {
  currentDocId: string | null;
  currentTitle: string | null;
  onExport: (request: ExportRequest) => Promise<ExportResult>;
  onDone: (message: string | null) => void;
  onClose: () => void;
}

export function ExportDialog({ currentDocId, currentTitle, onExport, onDone, onClose }: ExportDialogProps) {
  const [scope, setScope] = useState<ExportRequest['scope']>(currentDocId ? 'document' : 'all');
  const [includeText, setIncludeText] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const request: ExportRequest = scope === 'document' && currentDocId ? { scope, docId: currentDocId, includeText } : { scope: 'all', includeText };
      const result = await onExport(request);
      if (result.kind === 'cancelled') {
        setBusy(false);
        return;
      }
      const what = `${result.annotations} annotation${result.annotations === 1 ? '' : 's'} from ${result.documents} document${result.documents === 1 ? '' : 's'}`;
      onDone(result.kind === 'saved' ? `Exported ${what} to ${result.path}` : `Downloaded ${what} as ${result.fileName}`);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Modal title="Export annotations" onCancel={onClose} className="export-dialog">
      <form onSubmit={submit}>
        <fieldset className="radio-group">
          <legend>What to export</legend>
          <div className="radio-row">
            <label className="radio">
              <input type="radio" name="export-scope" value="document" checked={scope === 'document'} disabled={!currentDocId} onChange={() => setScope('document')} />
              Current document
            </label>
            {currentTitle && <span className="radio-detail">{currentTitle}</span>}
          </div>
          <label className="radio">
            <input type="radio" name="export-scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} />
            All documents
          </label>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={includeText} onChange={(event) => setIncludeText(event.target.checked)} />
          Include article text
        </label>
        <p className="hint">JSON, offsets in Unicode code points (format marginalia/annotations, version 1.1, with review decisions).</p>
        <FormActions error={error} submitLabel="Export file" busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
