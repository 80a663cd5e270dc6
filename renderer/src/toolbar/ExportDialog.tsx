// Choose what to export; the host then downloads the file (browser) or asks where to save it (Electron).
import { type FormEvent, useState } from 'react';
import type { ExportRequest, ExportResult } from '../../../shared/api';
import { EXPORT_VERSION, type WritableExportVersion } from '../../../shared/export-format';
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
  const [version, setVersion] = useState<WritableExportVersion>(EXPORT_VERSION);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const request: ExportRequest = scope === 'document' && currentDocId ? { scope, docId: currentDocId, includeText, version } : { scope: 'all', includeText, version };
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
        <fieldset className="radio-group">
          <legend>Format</legend>
          <label className="radio">
            <input type="radio" name="export-version" value="2" checked={version === 2} onChange={() => setVersion(2)} />
            2 (current)
          </label>
          <label className="radio">
            <input type="radio" name="export-version" value="1.1" checked={version === 1.1} onChange={() => setVersion(1.1)} />
            1.1 (for older Marginalia)
          </label>
        </fieldset>
        <p className="hint">
          {version === 2
            ? 'JSON, offsets in Unicode code points (marginalia/annotations version 2: spans, review decisions and comments, each with its creator).'
            : 'JSON, offsets in Unicode code points (marginalia/annotations version 1.1: each annotation carries the latest decision on it and its comments; authors by name only).'}
        </p>
        <FormActions error={error} submitLabel="Export file" busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
