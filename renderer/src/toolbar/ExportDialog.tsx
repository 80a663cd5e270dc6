// Choose what to export: which documents, whose layers, and the format (JSON 2, JSON 1.1 or CSV).
// The dialog offers the last choice again (kept in the settings). "Export file" is disabled when
// the choice holds no annotation. The host then downloads the file (browser) or asks where to save
// it (Electron).
import { type FormEvent, useId, useMemo, useState } from 'react';
import type { DocumentSummary, ExportChoice, ExportRequest, ExportResult } from '../../../shared/api';
import { TAGS, type TagCounts } from '../../../shared/model';
import type { Creator } from '../../../shared/model/records';
import { Modal } from '../ui/Modal';

interface ExportDialogProps {
  currentDocId: string | null;
  currentTitle: string | null;
  /** The open documents, with counts per creator (what the choice would export). */
  documents: readonly DocumentSummary[];
  /** Every layer of the open documents. */
  analysts: readonly Creator[];
  me: Creator | null;
  /** The last choice, if any. */
  remembered: ExportChoice | undefined;
  onExport: (request: ExportRequest) => Promise<ExportResult>;
  /** Keeps the choice for next time. */
  onRemember: (choice: ExportChoice) => void;
  onDone: (message: string | null) => void;
  onClose: () => void;
}

const DEFAULT_CHOICE: ExportChoice = { scope: 'document', includeText: true, format: 'json-2', layers: 'all', analysts: [] };

function sum(counts: TagCounts | undefined): number {
  return counts ? TAGS.reduce((n, t) => n + counts[t.type], 0) : 0;
}

/** The layers of a choice as creator ids, or 'all'. */
function layersOf(choice: ExportChoice, me: Creator | null): ExportRequest['layers'] {
  if (choice.layers === 'all') return 'all';
  if (choice.layers === 'mine') return me ? [me.id] : 'all';
  return choice.analysts; // none chosen: nothing to export
}

/** Spans the choice would export, from the documents' counts. */
export function annotationsToExport(documents: readonly DocumentSummary[], scope: ExportChoice['scope'], currentDocId: string | null, layers: ExportRequest['layers']): number {
  const docs = scope === 'document' ? documents.filter((d) => d.id === currentDocId) : documents;
  let n = 0;
  for (const d of docs) n += layers === 'all' || layers === undefined ? sum(d.counts) : layers.reduce((m, id) => m + sum(d.countsByCreator?.[id]), 0);
  return n;
}

function initialChoice(remembered: ExportChoice | undefined, currentDocId: string | null, analysts: readonly Creator[]): ExportChoice {
  const choice = { ...DEFAULT_CHOICE, ...remembered };
  if (!currentDocId) choice.scope = 'all';
  const known = new Set(analysts.map((a) => a.id));
  choice.analysts = choice.analysts.filter((id) => known.has(id));
  if (choice.layers === 'chosen' && choice.analysts.length === 0) choice.layers = 'all';
  return choice;
}

export function ExportDialog({ currentDocId, currentTitle, documents, analysts, me, remembered, onExport, onRemember, onDone, onClose }: ExportDialogProps) {
  const [choice, setChoice] = useState<ExportChoice>(() => initialChoice(remembered, currentDocId, analysts));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();
  const change = (patch: Partial<ExportChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const layers = layersOf(choice, me);
  const count = useMemo(() => annotationsToExport(documents, choice.scope, currentDocId, layers), [documents, choice.scope, currentDocId, layers]);
  const csv = choice.format === 'csv';
  const others = analysts.filter((a) => a.id !== me?.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (count === 0) return;
    setBusy(true);
    setError(null);
    try {
      const base = { includeText: choice.includeText, version: choice.format === 'json-1.1' ? 1.1 : 2, format: csv ? 'csv' : 'json', layers } as const;
      const request: ExportRequest = choice.scope === 'document' && currentDocId ? { scope: 'document', docId: currentDocId, ...base } : { scope: 'all', ...base };
      const result = await onExport(request);
      if (result.kind === 'cancelled') {
        setBusy(false);
        return;
      }
      onRemember(choice);
      const what = `${result.annotations} annotation${result.annotations === 1 ? '' : 's'} from ${result.documents} document${result.documents === 1 ? '' : 's'}`;
      onDone(result.kind === 'saved' ? `Exported ${what} to ${result.path}` : `Downloaded ${what} as ${result.fileName}`);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const nothing =
    choice.layers === 'chosen' && choice.analysts.length === 0
      ? 'Nothing to export: choose at least one analyst.'
      : choice.scope === 'document'
      ? `Nothing to export: this document has no annotations${layers === 'all' ? '' : ' in the chosen layers'}.`
      : `Nothing to export: the open documents have no annotations${layers === 'all' ? '' : ' in the chosen layers'}.`;

  return (
    <Modal title="Export annotations" onCancel={onClose} className="export-dialog">
      <form onSubmit={submit}>
        <fieldset className="radio-group">
          <legend>What to export</legend>
          <div className="radio-row">
            <label className="radio">
              <input type="radio" name="export-scope" value="document" checked={choice.scope === 'document'} disabled={!currentDocId} onChange={() => change({ scope: 'document' })} />
              Current document
            </label>
            {currentTitle && <span className="radio-detail">{currentTitle}</span>}
          </div>
          <label className="radio">
            <input type="radio" name="export-scope" value="all" checked={choice.scope === 'all'} onChange={() => change({ scope: 'all' })} />
            All documents
          </label>
        </fieldset>
        <fieldset className="radio-group">
          <legend>Layers</legend>
          <label className="radio">
            <input type="radio" name="export-layers" value="all" checked={choice.layers === 'all'} onChange={() => change({ layers: 'all' })} />
            Every analyst
          </label>
          <label className="radio">
            <input type="radio" name="export-layers" value="mine" checked={choice.layers === 'mine'} disabled={!me} onChange={() => change({ layers: 'mine' })} />
            Only mine{me ? ` (${me.name})` : ''}
          </label>
          <label className="radio">
            <input
              type="radio"
              name="export-layers"
              value="chosen"
              checked={choice.layers === 'chosen'}
              disabled={analysts.length === 0}
              onChange={() => change({ layers: 'chosen', analysts: choice.analysts.length > 0 ? choice.analysts : others.map((a) => a.id) })}
            />
            Chosen analysts
          </label>
          {choice.layers === 'chosen' && (
            <div className="export-analysts" role="group" aria-label="Analysts to export">
              {analysts.map((a) => (
                <label key={a.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={choice.analysts.includes(a.id)}
                    onChange={(event) => change({ analysts: event.target.checked ? [...choice.analysts, a.id] : choice.analysts.filter((id) => id !== a.id) })}
                  />
                  {a.name}
                  {a.id === me?.id ? ' (me)' : ''}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset className="radio-group">
          <legend>Format</legend>
          <label className="radio">
            <input type="radio" name="export-version" value="2" checked={choice.format === 'json-2'} onChange={() => change({ format: 'json-2' })} />
            2 (current)
          </label>
          <label className="radio">
            <input type="radio" name="export-version" value="1.1" checked={choice.format === 'json-1.1'} onChange={() => change({ format: 'json-1.1' })} />
            1.1 (for older Marginalia)
          </label>
          <label className="radio">
            <input type="radio" name="export-version" value="csv" checked={csv} onChange={() => change({ format: 'csv' })} />
            CSV (a spreadsheet: one row per annotation)
          </label>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={choice.includeText && !csv} disabled={csv} onChange={(event) => change({ includeText: event.target.checked })} />
          Include article text
        </label>
        <p className="hint" id={hintId}>
          {csv
            ? 'CSV, UTF-8: one row per annotation with its document, start and end (Unicode code points), quote, tag, author and note.'
            : choice.format === 'json-2'
              ? 'JSON, offsets in Unicode code points (marginalia/annotations version 2: spans, review decisions and comments, each with its creator).'
              : 'JSON, offsets in Unicode code points (marginalia/annotations version 1.1: each annotation carries the latest decision on it and its comments; authors by name only).'}
        </p>
        <p className={count === 0 ? 'form-error export-count' : 'hint export-count'} role="status">
          {count === 0 ? nothing : `${count.toLocaleString()} annotation${count === 1 ? '' : 's'} to export.`}
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy || count === 0}>
            Export file
          </button>
        </div>
      </form>
    </Modal>
  );
}
