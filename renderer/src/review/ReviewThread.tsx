// The review state of one span: the decisions on it, the origin of a copy, and the comment
// thread. Decisions and comments are records of their own, pointing at the span.
import type { MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { commentsOn, reviewsOf } from '../../../shared/model/review-steps';
import type { Creator } from '../../../shared/model/records';
import { formatTime } from '../annotations/labels';

interface ReviewThreadProps {
  annotation: SpanRecord;
  records: readonly MarginaliaRecord[];
  me: Creator | null;
}

export function ReviewThread({ annotation, records, me }: ReviewThreadProps) {
  const [latest] = reviewsOf(annotation, records);
  const comments = commentsOn(annotation, records);
  const mine = annotation.creator.id === me?.id;
  const origin = annotation.origin;
  const originAuthor = origin ? (records.find((r) => r.id === origin.id)?.creator.name ?? origin.creatorId.replace(/^name:/, '')) : null;
  // For my own work, only show something once someone reviewed or commented on it.
  if (mine && !latest && comments.length === 0 && !origin) return null;
  const status = latest ? (latest.decision === 'accept' ? 'accepted' : 'rejected') : comments.length > 0 ? 'pending' : 'none';
  const decision = latest ? `${latest.decision === 'accept' ? 'Accepted' : 'Rejected'} by ${latest.creator.name}` : 'Not reviewed yet';
  return (
    <div className={`review-thread review-${status}`} aria-label="Review">
      {originAuthor !== null && <p className="review-origin">Accepted from {originAuthor}&rsquo;s annotation</p>}
      {(latest || comments.length > 0 || !mine) && (
        <p className="review-decision">
          <strong>{mine && latest ? `Review of your annotation: ${decision}` : decision}</strong>
          {latest && (
            <>
              {' '}
              <time dateTime={latest.updatedAt}>{formatTime(latest.updatedAt)}</time>
            </>
          )}
        </p>
      )}
      {latest?.decision === 'reject' && latest.reason && <p className="review-reason">Reason: {latest.reason}</p>}
      {comments.length > 0 && (
        <ol className="review-comments" aria-label="Comments">
          {comments.map((c) => (
            <li key={c.id}>
              <span className="review-comment-by">{c.creator.name}</span> <time dateTime={c.createdAt}>{formatTime(c.createdAt)}</time>
              <p className="review-comment-text">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
