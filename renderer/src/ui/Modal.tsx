// A modal <dialog>: focus is trapped by the browser and the rest of the page is inert.
import { type ReactNode, useEffect, useId, useRef } from 'react';

interface ModalProps {
  title: string;
  /** Called on Escape; omit to make the dialog impossible to dismiss that way. */
  onCancel?: () => void;
  className?: string;
  children: ReactNode;
}

export function Modal({ title, onCancel, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel?.();
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** The footer of a dialog that only reports something: one Close button. */
export function CloseActions({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-actions">
      <button type="button" className="button button-primary" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

interface FormActionsProps {
  /** Shown above the buttons as an alert; null when there is nothing wrong. */
  error: string | null;
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
}

/** The footer of a dialog form: what went wrong, then Cancel and the submit button. */
export function FormActions({ error, submitLabel, busy, onCancel }: FormActionsProps) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
