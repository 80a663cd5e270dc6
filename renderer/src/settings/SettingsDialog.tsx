// Settings: the analyst's display name (changing it keeps the analyst id, which decides which
// annotations are theirs) and the layers known by name only, which can be claimed ("This is me").
import { type FormEvent, useId, useState } from 'react';
import type { Settings } from '../../../shared/api';
import { type Creator, isLegacyCreatorId } from '../../../shared/model/records';
import { Modal } from '../ui/Modal';
import { claimLayer } from './claim';

interface SettingsDialogProps {
  settings: Settings;
  /** The layers of the open documents. */
  authors: readonly Creator[];
  onRename: (name: string) => Promise<void>;
  onClose: () => void;
}

export function SettingsDialog({ settings, authors, onRename, onClose }: SettingsDialogProps) {
  const nameId = useId();
  const [name, setName] = useState(settings.analystName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [claimed, setClaimed] = useState<ReadonlySet<string>>(new Set());
  const byName = authors.filter((a) => isLegacyCreatorId(a.id) && !claimed.has(a.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Please enter your name. It is shown as the author of your annotations.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onRename(trimmed);
      setStatus(`Saved: you annotate as ${trimmed}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const claim = (layer: Creator) => {
    setBusy(true);
    setError(null);
    claimLayer(layer.name).then(
      (message) => {
        setClaimed((ids) => new Set([...ids, layer.id]));
        setStatus(message);
        setBusy(false);
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        setBusy(false);
      },
    );
  };

  return (
    <Modal title="Settings" onCancel={onClose} className="settings-dialog">
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            type="text"
            autoComplete="name"
            maxLength={200}
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${nameId}-id`}
            onChange={(event) => setName(event.target.value)}
          />
          <p id={`${nameId}-id`} className="hint">
            Shown as the author of your annotations. Changing it keeps your analyst id
            {settings.analystId ? (
              <>
                {' '}
                (<code aria-label="Analyst id">{settings.analystId}</code>)
              </>
            ) : null}
            , which decides which annotations are yours: a colleague who typed the same name stays a layer of their own.
          </p>
        </div>
        <div className="modal-actions settings-name-actions">
          <button type="submit" className="button button-primary" disabled={busy || name.trim() === (settings.analystName ?? '')}>
            Save name
          </button>
        </div>
      </form>
      <section aria-label="Layers known by name only">
        <h3 className="import-subtitle">Layers known by name only</h3>
        {byName.length === 0 ? (
          <p className="panel-empty">None: every layer in the open documents has an analyst id.</p>
        ) : (
          <>
            <p className="hint">Work imported from older exports (format 1 or 1.1), which name authors only. If one of them is yours, claim it: its annotations become yours to edit (recorded in the data folder).</p>
            <ul className="settings-layers">
              {byName.map((layer) => (
                <li key={layer.id}>
                  <span>{layer.name} (by name, from an older export)</span>{' '}
                  <button type="button" className="button button-small" disabled={busy} aria-label={`This is me: ${layer.name}`} onClick={() => claim(layer)}>
                    This is me
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {status && <p role="status">{status}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
