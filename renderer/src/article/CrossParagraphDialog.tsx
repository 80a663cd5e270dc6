// Asks before a span runs over paragraphs: most spans stay within one, and a drag that slipped
// into the next paragraph is easy to miss.
import { tagInfo } from '../../../shared/model';
import type { PendingCrossing } from '../app/useAnnotationActions';
import { Modal } from '../ui/Modal';

interface CrossParagraphDialogProps {
  pending: PendingCrossing;
  /** The quote the span would have. */
  quote: string;
  onConfirm: () => void;
  onCancel: () => void;
}

const QUOTE_CHARS = 160;

export function CrossParagraphDialog({ pending, quote, onConfirm, onCancel }: CrossParagraphDialogProps) {
  const shown = quote.length > QUOTE_CHARS ? `${quote.slice(0, QUOTE_CHARS / 2)} … ${quote.slice(-QUOTE_CHARS / 2)}` : quote;
  const confirmLabel = pending.kind === 'tag' ? `Tag as ${tagInfo(pending.type).label.toLowerCase()}` : `Move the ${pending.edge}`;
  return (
    <Modal title="Span across paragraphs?" onCancel={onCancel} className="crossing-dialog">
      <p>
        {pending.kind === 'tag' ? 'The selection' : 'The span'} would run over {pending.paragraphs} paragraphs. Most spans stay within one: check
        that you meant all of it.
      </p>
      <blockquote className="crossing-quote">{shown}</blockquote>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
