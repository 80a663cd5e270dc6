// Details of the selected annotation, with retag, note and delete.
import { TagOptions } from '../ui/TagOptions';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { MAX_NOTE_LENGTH, type TagType, tagInfo } from '../../../shared/model';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { ReviewControls, type ReviewFormMode } from '../review/ReviewControls';
import { ReviewThread } from '../review/ReviewThread';
import type { ReviewActions } from '../review/useReviewActions';
import { formatTime } from './labels';

/** Well within the promised second after the last keystroke. */
const NOTE_SAVE_DELAY_MS = 500;

export interface SelectedAnnotationActions {
  onRetag: (id: string, type: TagType) => void;
  onNote: (id: string, note: string) => void;
  onDelete: (id: string) => void;
  /** Typing started (true) or its text was handed to the save queue (false). */
  onNoteDraft: (id: string, active: boolean) => void;
}

interface NoteEditorProps {
  annotation: SpanRecord;
  onNote: SelectedAnnotationActions['onNote'];
  onDraft: SelectedAnnotationActions['onNoteDraft'];
}

/**
 * Unsaved from the first keystroke; saved after typing pauses, on blur, and when the editor goes
 * away. The host's limit is enforced here too, and shown.
 */
function NoteEditor({ annotation, onNote, onDraft }: NoteEditorProps) {
  const id = useId();
  const [text, setText] = useState(annotation.note);
  const [base, setBase] = useState(annotation.note);
  const [editing, setEditing] = useState(false);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Follow outside changes (undo/redo) unless the analyst is mid-edit.
  if (!editing && base !== annotation.note) {
    setBase(annotation.note);
    setText(annotation.note);
  }

  const annotationId = annotation.id;
  const commit = useCallback(() => {
    clearTimeout(timer.current);
    const note = pending.current;
    if (note === null) return;
    pending.current = null;
    setBase(note);
    setEditing(false);
    onNote(annotationId, note);
    onDraft(annotationId, false);
  }, [annotationId, onNote, onDraft]);

  useEffect(() => commit, [commit]);

  return (
    <div className="field">
      <label htmlFor={id}>Note</label>
      <textarea
        id={id}
        className="note-input"
        rows={3}
        value={text}
        placeholder="Add a note for reviewers…"
        maxLength={MAX_NOTE_LENGTH}
        aria-describedby={`${id}-limit`}
        onChange={(event) => {
          if (pending.current === null) onDraft(annotationId, true);
          pending.current = event.target.value;
          setText(event.target.value);
          setEditing(true);
          clearTimeout(timer.current);
          timer.current = setTimeout(commit, NOTE_SAVE_DELAY_MS);
        }}
        onBlur={commit}
      />
      <p id={`${id}-limit`} className="field-hint">
        {text.length.toLocaleString('en-US')} / {MAX_NOTE_LENGTH.toLocaleString('en-US')} characters
      </p>
    </div>
  );
}

/** Review decision, thread and controls; the open form closes when another annotation is selected. */
function ReviewSection({ annotation, records, me, review }: { annotation: SpanRecord; records: readonly MarginaliaRecord[]; me: Creator | null; review: ReviewActions }) {
  const [mode, setMode] = useState<ReviewFormMode>(null);
  const mine = annotation.creator.id === me?.id;
  const discussed = records.some((r) => r.kind !== 'span' && r.target.spanId === annotation.id);
  return (
    <div className="review-section">
      <ReviewThread annotation={annotation} records={records} me={me} />
      {(!mine || discussed) && <ReviewControls annotation={annotation} records={records} me={me} actions={review} mode={mode} onModeChange={setMode} />}
    </div>
  );
}

interface SelectedAnnotationPanelProps extends SelectedAnnotationActions {
  annotation: SpanRecord | null;
  /** Every live record of the document (for the review thread). */
  records: readonly MarginaliaRecord[];
  me: Creator | null;
  review: ReviewActions;
}

export function SelectedAnnotationPanel({ annotation, records, me, review, onRetag, onNote, onDelete, onNoteDraft }: SelectedAnnotationPanelProps) {
  const tagSelectId = useId();
  // Only the creator changes a span; another analyst's is reviewed, not edited.
  const editable = !!annotation && annotation.creator.id === me?.id;
  return (
    <section className="selected-region panel" aria-label="Selected annotation">
      <header className="panel-header">
        <h2 className="panel-title">Selected annotation</h2>
        {editable && (
          <button
            type="button"
            className="button button-small button-danger"
            title="Delete this annotation (Delete key)"
            aria-keyshortcuts="Delete"
            onClick={() => onDelete(annotation.id)}
          >
            Delete annotation
          </button>
        )}
      </header>
      {!annotation ? (
        <p className="panel-empty">Click a highlight or a row in the list to see it here.</p>
      ) : (
        <div className="selected-body">
          <p className={`selected-tag tag-${annotation.tag}`}>
            <span className="tag-glyph" aria-hidden="true">
              {tagInfo(annotation.tag).glyph}
            </span>{' '}
            {tagInfo(annotation.tag).label}
          </p>
          <blockquote className="selected-quote">{annotation.target.quote}</blockquote>
          <dl className="selected-meta">
            <dt>Author</dt>
            <dd>{annotation.creator.name}</dd>
            <dt>Created</dt>
            <dd>
              <time dateTime={annotation.createdAt}>{formatTime(annotation.createdAt)}</time>
            </dd>
            <dt>Updated</dt>
            <dd>
              <time dateTime={annotation.updatedAt}>{formatTime(annotation.updatedAt)}</time>
            </dd>
          </dl>
          <div className="field">
            <label htmlFor={tagSelectId}>Tag</label>
            <select
              id={tagSelectId}
              value={annotation.tag}
              disabled={!editable}
              onChange={(event) => onRetag(annotation.id, event.target.value as TagType)}
            >
              <TagOptions />
            </select>
          </div>
          {editable ? (
            <NoteEditor key={annotation.id} annotation={annotation} onNote={onNote} onDraft={onNoteDraft} />
          ) : (
            annotation.note && (
              <div className="field">
                <span className="field-label">Note by {annotation.creator.name}</span>
                <p className="selected-note">{annotation.note}</p>
              </div>
            )
          )}
          <ReviewSection key={`review-${annotation.id}`} annotation={annotation} records={records} me={me} review={review} />
        </div>
      )}
    </section>
  );
}
