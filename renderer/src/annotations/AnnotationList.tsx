// The open document's annotations in text order, virtualized so thousands stay smooth.
import { TagOptions } from '../ui/TagOptions';
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { type Annotation, type TagType, tagInfo } from '../../../shared/model';
import { initials } from '../layers/layers';
import { annotationName, oneLineQuote } from './labels';

export type TagFilter = TagType | 'all';
/** An author's name, or 'all'. */
export type AuthorFilter = string;
export const ALL_AUTHORS = '\u0000all';

const ROW_HEIGHT = 44;
const QUOTE_SHOWN_CHARS = 160;

interface RowContext {
  selectedId: string | null;
  me: string | null;
  onActivate: (annotation: Annotation) => void;
}

function reviewMark(annotation: Annotation): string | null {
  const status = annotation.review?.status;
  if (status === 'accepted') return '✓';
  if (status === 'rejected') return '✗';
  return null;
}

const AnnotationRow = memo(function AnnotationRow({
  annotation,
  selected,
  mine,
  onActivate,
}: {
  annotation: Annotation;
  selected: boolean;
  mine: boolean;
  onActivate: (annotation: Annotation) => void;
}) {
  const tag = tagInfo(annotation.type);
  const quote = oneLineQuote(annotation.quote);
  const mark = reviewMark(annotation);
  const status = annotation.review && annotation.review.status !== 'pending' ? `, ${annotation.review.status}` : '';
  return (
    <button
      type="button"
      className={`annotation-row tag-${annotation.type}${selected ? ' is-selected' : ''}${mine ? '' : ' is-theirs'}`}
      aria-label={`${annotationName(annotation)} — ${annotation.author}${status}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onActivate(annotation)}
    >
      <span className="tag-glyph" aria-hidden="true">
        {tag.glyph}
      </span>
      <span className={`author-badge${mine ? ' is-mine' : ''}`} title={annotation.author} aria-hidden="true">
        {initials(annotation.author)}
      </span>
      <span className="annotation-row-quote">{quote.length > QUOTE_SHOWN_CHARS ? `${quote.slice(0, QUOTE_SHOWN_CHARS)}…` : quote}</span>
      {mark && (
        <span className="annotation-row-review" title={`Review: ${annotation.review?.status ?? ''}`} aria-hidden="true">
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
  annotations: readonly Annotation[];
  selectedId: string | null;
  filter: TagFilter;
  onFilterChange: (filter: TagFilter) => void;
  /** Authors offered by "Filter by author". */
  authors: readonly string[];
  authorFilter: AuthorFilter;
  onAuthorFilterChange: (author: AuthorFilter) => void;
  me: string | null;
  onActivate: (annotation: Annotation) => void;
}

export function AnnotationList({ annotations, selectedId, filter, onFilterChange, authors, authorFilter, onAuthorFilterChange, me, onActivate }: AnnotationListProps) {
  const listRef = useRef<VirtuosoHandle>(null);
  const filterId = useId();
  const authorFilterId = useId();
  const shown = useMemo(
    () => annotations.filter((a) => (filter === 'all' || a.type === filter) && (authorFilter === ALL_AUTHORS || a.author === authorFilter)),
    [annotations, filter, authorFilter],
  );
  const context = useMemo<RowContext>(() => ({ selectedId, me, onActivate }), [selectedId, me, onActivate]);

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
              <option key={author} value={author}>
                {author}
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
        <Virtuoso<Annotation, RowContext>
          ref={listRef}
          className="annotation-list"
          data={shown}
          context={context}
          fixedItemHeight={ROW_HEIGHT}
          computeItemKey={(_, annotation) => annotation.id}
          itemContent={(_, annotation, ctx) => (
            <AnnotationRow annotation={annotation} selected={annotation.id === ctx.selectedId} mine={annotation.author === ctx.me} onActivate={ctx.onActivate} />
          )}
        />
      )}
    </section>
  );
}
