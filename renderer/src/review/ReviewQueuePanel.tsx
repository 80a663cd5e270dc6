// The "Review queue" region: progress ("12 of 40 reviewed"), the current pending item and
// its Accept / Reject / Comment controls, with J/K to move through the queue.
import { useRef } from 'react';
import type { Creator, MarginaliaRecord } from '../../../shared/model/records';
import type { ReviewQueue } from './useReviewQueue';
import { ReviewControls } from './ReviewControls';
import type { ReviewActions } from './useReviewActions';
import { ReviewThread } from './ReviewThread';
import { annotationName } from '../annotations/labels';
import { initials } from '../layers/layers';

interface ReviewQueuePanelProps {
  queue: ReviewQueue;
  records: readonly MarginaliaRecord[];
  me: Creator | null;
  actions: ReviewActions;
}

export function ReviewQueuePanel({ queue, records, me, actions }: ReviewQueuePanelProps) {
  const regionRef = useRef<HTMLElement>(null);
  const { current, pending, progress, index } = queue;
  // After a step, keep the keys working: focus leaves the form for the region itself.
  const refocus = () => requestAnimationFrame(() => regionRef.current?.focus({ preventScroll: true }));
  return (
    <section ref={regionRef} className="review-queue" aria-label="Review queue" tabIndex={-1}>
      <div className="review-queue-bar">
        <h2 className="panel-title">Review</h2>
        <p role="status" aria-label="Review progress" className="review-progress">
          {progress.reviewed} of {progress.total} reviewed
        </p>
        <progress className="review-progress-bar" max={Math.max(progress.total, 1)} value={progress.reviewed} aria-hidden="true" />
        {queue.elsewhere && (
          <p className="review-elsewhere" aria-label="Left in other documents">
            {queue.elsewhere.pending > 0 ? `+${queue.elsewhere.pending} in ${queue.elsewhere.documents} other document${queue.elsewhere.documents === 1 ? '' : 's'}` : 'none left elsewhere'}
          </p>
        )}
        {queue.corpusError && (
          <p className="form-error" role="alert">
            {queue.corpusError}
          </p>
        )}
        <div className="review-nav">
          <label className="checkbox review-corpus-wide" title="J past the last item opens the next document with items left (K: the previous one)">
            <input type="checkbox" checked={queue.corpusWide} onChange={(event) => queue.setCorpusWide(event.target.checked)} />
            Whole corpus
          </label>
          <button type="button" className="button button-small" aria-keyshortcuts="K" disabled={!queue.canPrevious} onClick={queue.previous}>
            Previous <kbd aria-hidden="true">K</kbd>
          </button>
          <button type="button" className="button button-small" aria-keyshortcuts="J" disabled={!queue.canNext} onClick={queue.next}>
            Next <kbd aria-hidden="true">J</kbd>
          </button>
          <button type="button" className="button button-small" onClick={() => queue.setOpen(false)}>
            Close review
          </button>
        </div>
      </div>
      {current ? (
        <div className="review-current">
          <p className="review-current-name" aria-label="Current item">
            <span className="review-position">
              {index + 1}/{pending.length} pending
            </span>{' '}
            <span className="author-badge" aria-hidden="true">
              {initials(current.creator.name)}
            </span>{' '}
            {annotationName(current)} — {current.creator.name}
          </p>
          <ReviewThread annotation={current} records={records} me={me} />
          <ReviewControls annotation={current} records={records} me={me} actions={actions} mode={queue.mode} onModeChange={queue.setMode} onDone={refocus} keyHints />
        </div>
      ) : (
        <p className="panel-empty">
          {progress.total === 0 ? 'Nothing to review here: this document has no other analyst’s annotations. Import a colleague’s export first.' : 'All reviewed in this document.'}
          {queue.elsewhere && queue.elsewhere.pending > 0
            ? ` ${queue.elsewhere.pending} left in ${queue.elsewhere.documents} other document${queue.elsewhere.documents === 1 ? '' : 's'}: press J for the next.`
            : queue.elsewhere
              ? ' Nothing is left in the other documents either.'
              : ''}
        </p>
      )}
    </section>
  );
}
