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
        <div className="review-nav">
          <button type="button" className="button button-small" aria-keyshortcuts="K" disabled={index <= 0} onClick={queue.previous}>
            Previous <kbd aria-hidden="true">K</kbd>
          </button>
          <button type="button" className="button button-small" aria-keyshortcuts="J" disabled={index < 0 || index >= pending.length - 1} onClick={queue.next}>
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
        </p>
      )}
    </section>
  );
}
