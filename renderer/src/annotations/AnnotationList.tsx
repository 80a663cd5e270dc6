// The open document's annotations in text order, virtualized so thousands stay smooth.
import { TagOptions } from '../ui/TagOptions';
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { type TagType, tagInfo } from '../../../shared/model';
import type { Creator, MarginaliaRecord, SpanRecord } from '../../../shared/model/records';
import { latestDecisions as latestReviews } from '../../../shared/model/review-steps';
import { initials } from '../layers/layers';
import { annotationName, oneLineQuote } from './labels';

export type TagFilter = TagType | 'all';
/** A creator id, or 'all'. */
export type AuthorFilter = string;
export const ALL_AUTHORS = '\u0000all';

const ROW_HEIGHT = 44;
const QUOTE_SHOWN_CHARS = 160;

type Decision = 'accepted' | 'rejected';

interface RowContext {
  selectedId: string | null;
  me: Creator | null;
  /** The latest review decision on each reviewed span. */
  decisions: ReadonlyMap<string, Decision>;
  onActivate: (annotation: SpanRecord) => void;
}

function latestDecisions(records: readonly MarginaliaRecord[]): Map<string, Decision> {
  const decisions = new Map<string, Decision>();
  for (const [spanId, review] of latestReviews(records)) decisions.set(spanId, review.decision === 'accept' ? 'accepted' : 'rejected');
  return decisions;
}

const AnnotationRow = memo(function AnnotationRow({
  annotation,
  selected,
  mine,
  decision,
  onActivate,
}: {
  annotation: SpanRecord;
  selected: boolean;
  mine: boolean;
  decision: Decision | undefined;
  onActivate: (annotation: SpanRecord) => void;
}) {
  const tag = tagInfo(annotation.tag);
  const quote = oneLineQuote(annotation.target.quote);
  const mark = decision === 'accepted' ? '✓' : decision === 'rejected' ? '✗' : null;
  const status = decision ? `, ${decision}` : '';
  const author = annotation.creator.name;
  return (
    <button
      type="button"
      className={`annotation-row tag-${annotation.tag}${selected ? ' is-selected' : ''}${mine ? '' : ' is-theirs'}`}
      aria-label={`${annotationName(annotation)} — ${author}${status}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onActivate(annotation)}
    >
      <span className="tag-glyph" aria-hidden="true">
        {tag.glyph}
      </span>
      <span className={`author-badge${mine ? ' is-mine' : ''}`} title={author} aria-hidden="true">
        {initials(author)}
      </span>
      <span className="annotation-row-quote">{quote.length > QUOTE_SHOWN_CHARS ? `${quote.slice(0, QUOTE_SHOWN_CHARS)}…` : quote}</span>
      {mark && (
        <span className="annotation-row-review" title={`Review: ${decision ?? ''}`} aria-hidden="true">
          {mark}
        </span>
      )}
      {annotation.note && (
        <span className="annotation-row-note" title="Has a note" aria-hidden="true">
          ✎
        </span>
      )}
    </button>
  );
});

interface AnnotationListProps {
  annotations: readonly SpanRecord[];
  /** Every live record of the document (for review marks). */
  records: readonly MarginaliaRecord[];
  selectedId: string | null;
  filter: TagFilter;
  onFilterChange: (filter: TagFilter) => void;
  /** Creators offered by "Filter by author". */
  authors: readonly Creator[];
  authorFilter: AuthorFilter;
  onAuthorFilterChange: (author: AuthorFilter) => void;
  me: Creator | null;
  onActivate: (annotation: SpanRecord) => void;
}

export function AnnotationList({ annotations, records, selectedId, filter, onFilterChange, authors, authorFilter, onAuthorFilterChange, me, onActivate }: AnnotationListProps) {
  const listRef = useRef<VirtuosoHandle>(null);
  const filterId = useId();
  const authorFilterId = useId();
  const shown = useMemo(
    () => annotations.filter((a) => (filter === 'all' || a.tag === filter) && (authorFilter === ALL_AUTHORS || a.creator.id === authorFilter)),
    [annotations, filter, authorFilter],
  );
  const decisions = useMemo(() => latestDecisions(records), [records]);
  const context = useMemo<RowContext>(() => ({ selectedId, me, decisions, onActivate }), [selectedId, me, decisions, onActivate]);

  // Keep the selected annotation's row in view when it was chosen elsewhere. In the next
  // frame, so measuring the list joins that frame's layout instead of forcing one now.
  useEffect(() => {
    if (selectedId === null) return;
    const index = shown.findIndex((a) => a.id === selectedId);
    if (index < 0) return;
    const frame = requestAnimationFrame(() => listRef.current?.scrollIntoView({ index, behavior: 'auto' }));
    return () => cancelAnimationFrame(frame);
  }, [selectedId, shown]);

  const countText = filter === 'all' && authorFilter === ALL_AUTHORS ? annotations.length.toLocaleString() : `${shown.length.toLocaleString()} of ${annotations.length.toLocaleString()}`;

  return (
    <section className="annotations-region panel" aria-label="Annotations">
      <header className="panel-header">
        <h2 className="panel-title">
          Annotations <span className="panel-count">{countText}</span>
        </h2>
        <div className="filter-field">
          <label htmlFor={filterId}>Filter by tag</label>
          <select id={filterId} value={filter} onChange={(event) => onFilterChange(event.target.value as TagFilter)}>
            <option value="all">All</option>
            <TagOptions />
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={authorFilterId}>Filter by author</label>
          <select id={authorFilterId} value={authorFilter} onChange={(event) => onAuthorFilterChange(event.target.value)}>
            <option value={ALL_AUTHORS}>All</option>
            {authors.map((author) => (
              <option key={author.id} value={author.id}>
                {author.name}
              </option>
            ))}
          </select>
        </div>
      </header>
      {shown.length === 0 ? (
        <p className="panel-empty">
          {annotations.length === 0 ? 'No annotations yet. Select text and press 1–4 to tag it.' : 'No annotations match the filters.'}
        </p>
      ) : (
        <Virtuoso<SpanRecord, RowContext>
          ref={listRef}
          className="annotation-list"
          data={shown}
          context={context}
          fixedItemHeight={ROW_HEIGHT}
          computeItemKey={(_, annotation) => annotation.id}
          itemContent={(_, annotation, ctx) => (
            <AnnotationRow
              annotation={annotation}
              selected={annotation.id === ctx.selectedId}
              mine={annotation.creator.id === ctx.me?.id}
              decision={ctx.decisions.get(annotation.id)}
              onActivate={ctx.onActivate}
            />
          )}
        />
      )}
    </section>
  );
}
