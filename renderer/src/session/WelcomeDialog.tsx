// First run: the analyst's name is recorded as the author of every annotation.
import { type FormEvent, useId, useState } from 'react';
import { Modal } from '../ui/Modal';

export function WelcomeDialog({ onSubmit }: { onSubmit: (name: string) => Promise<void> }) {
  const nameId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Please enter your name. It is recorded as the author of your annotations.');
      return;
    }
    setBusy(true);
    try {
      await onSubmit(trimmed);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Modal title="Welcome to Marginalia" className="welcome-dialog">
      <form onSubmit={submit} noValidate>
        <p>
          Select a passage, then tag it as a claim, source, figure or place. Your name is stored with each annotation so
          colleagues can review who tagged what.
        </p>
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            type="text"
            autoComplete="name"
            autoFocus
            maxLength={200}
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${nameId}-error` : undefined}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        {error && (
          <p id={`${nameId}-error`} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Start annotating
          </button>
        </div>
      </form>
    </Modal>
  );
}
