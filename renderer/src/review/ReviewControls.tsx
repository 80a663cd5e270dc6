// Accept, Reject (with a reason) and Comment buttons for one annotation, with the inline
// forms they open. Used by the Selected annotation panel and the Review queue.
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { reviewBy } from '../../../shared/model/review-steps';
import type { ReviewActions } from './useReviewActions';

export type ReviewFormMode = 'reject' | 'comment' | null;

interface ReviewControlsProps {
  annotation: SpanRecord;
  records: readonly MarginaliaRecord[];
  me: Creator | null;
  actions: ReviewActions;
  mode: ReviewFormMode;
  onModeChange: (mode: ReviewFormMode) => void;
  /** Called after a step was taken (e.g. the queue moves on, focus returns). */
  onDone?: () => void;
  /** Show key hints (A, R, C) on the buttons. */
  keyHints?: boolean;
}

function Kbd({ show, children }: { show: boolean | undefined; children: string }) {
  return show ? <kbd aria-hidden="true">{children}</kbd> : null;
}

function InlineForm({ label, submitLabel, multiline, onSubmit, onCancel }: { label: string; submitLabel: string; multiline: boolean; onSubmit: (text: string) => boolean; onCancel: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim() === '') return;
    if (onSubmit(text)) setText('');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (multiline && event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  const props = { id, ref, value: text, onKeyDown, onChange: (event: { target: { value: string } }) => setText(event.target.value), className: 'review-input' };
  return (
    <form className="review-form" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      <div className="review-form-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" disabled={text.trim() === ''}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

export function ReviewControls({ annotation, records, me, actions, mode, onModeChange, onDone, keyHints }: ReviewControlsProps) {
  const theirs = annotation.creator.id !== me?.id;
  const decision = me ? reviewBy(annotation, me.id, records)?.decision : undefined;
  const status = decision === 'accept' ? 'accepted' : decision === 'reject' ? 'rejected' : undefined;
  const finish = () => {
    onModeChange(null);
    onDone?.();
  };
  return (
    <div className="review-controls">
      <div className="review-buttons">
        {theirs && (
          <>
            <button
              type="button"
              className="button button-small"
              aria-keyshortcuts={keyHints ? 'A' : undefined}
              aria-pressed={status === 'accepted'}
              onClick={() => actions.accept(annotation) && finish()}
            >
              Accept <Kbd show={keyHints}>A</Kbd>
            </button>
            <button
              type="button"
              className="button button-small"
              aria-keyshortcuts={keyHints ? 'R' : undefined}
              aria-pressed={status === 'rejected'}
              aria-expanded={mode === 'reject'}
              onClick={() => onModeChange(mode === 'reject' ? null : 'reject')}
            >
              Reject <Kbd show={keyHints}>R</Kbd>
            </button>
          </>
        )}
        <button
          type="button"
          className="button button-small"
          aria-keyshortcuts={keyHints ? 'C' : undefined}
          aria-expanded={mode === 'comment'}
          onClick={() => onModeChange(mode === 'comment' ? null : 'comment')}
        >
          Comment <Kbd show={keyHints}>C</Kbd>
        </button>
      </div>
      {mode === 'reject' && theirs && (
        <InlineForm
          key={`reject-${annotation.id}`}
          label="Reason"
          submitLabel="Confirm rejection"
          multiline={false}
          onSubmit={(reason) => actions.reject(annotation, reason) && (finish(), true)}
          onCancel={() => onModeChange(null)}
        />
      )}
      {mode === 'comment' && (
        <InlineForm
          key={`comment-${annotation.id}`}
          label="Comment"
          submitLabel="Add comment"
          multiline
          onSubmit={(text) => actions.comment(annotation, text) && (finish(), true)}
          onCancel={() => onModeChange(null)}
        />
      )}
    </div>
  );
}
