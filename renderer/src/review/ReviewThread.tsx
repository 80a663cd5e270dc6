// The review state of one annotation: decision, reason, origin and the comment thread.
import type { Annotation } from '../../../shared/model';
import { formatTime } from '../annotations/labels';

function decisionText(annotation: Annotation): string {
  const review = annotation.review;
  if (!review || review.status === 'pending') return 'Not reviewed yet';
  const verb = review.status === 'accepted' ? 'Accepted' : 'Rejected';
  return `${verb} by ${review.by}`;
}

export function ReviewThread({ annotation, me }: { annotation: Annotation; me: string | null }) {
  const review = annotation.review;
  const mine = annotation.author === me;
  // For my own work, only show something once someone reviewed or commented on it.
  if (mine && !review && !annotation.origin) return null;
  return (
    <div className={`review-thread review-${review?.status ?? 'none'}`} aria-label="Review">
      {annotation.origin && (
        <p className="review-origin">
          Accepted from {annotation.origin.author}&rsquo;s annotation
        </p>
      )}
      {(review || !mine) && (
        <p className="review-decision">
          <strong>{mine && review && review.status !== 'pending' ? `Review of your annotation: ${decisionText(annotation)}` : decisionText(annotation)}</strong>
          {review && review.status !== 'pending' && (
            <>
              {' '}
              <time dateTime={review.at}>{formatTime(review.at)}</time>
            </>
          )}
        </p>
      )}
      {review?.status === 'rejected' && review.reason && <p className="review-reason">Reason: {review.reason}</p>}
      {review && review.comments.length > 0 && (
        <ol className="review-comments" aria-label="Comments">
          {review.comments.map((c) => (
            <li key={`${c.by}-${c.at}-${c.text}`}>
              <span className="review-comment-by">{c.by}</span> <time dateTime={c.at}>{formatTime(c.at)}</time>
              <p className="review-comment-text">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
