// The open document's annotations in text order, virtualized so thousands stay smooth.
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { type Annotation, TAGS, type TagType, tagInfo } from '../../../shared/model';
import { annotationName, oneLineQuote } from './labels';

export type TagFilter = TagType | 'all';

const ROW_HEIGHT = 44;
const QUOTE_SHOWN_CHARS = 160;

interface RowContext {
  selectedId: string | null;
  onActivate: (annotation: Annotation) => void;
}

const AnnotationRow = memo(function AnnotationRow({
  annotation,
  selected,
  onActivate,
}: {
  annotation: Annotation;
  selected: boolean;
  onActivate: (annotation: Annotation) => void;
}) {
  const tag = tagInfo(annotation.type);
  const quote = oneLineQuote(annotation.quote);
  return (
    <button
      type="button"
      className={`annotation-row tag-${annotation.type}${selected ? ' is-selected' : ''}`}
      aria-label={annotationName(annotation)}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onActivate(annotation)}
    >
      <span className="tag-glyph" aria-hidden="true">
        {tag.glyph}
      </span>
      <span className="annotation-row-quote">{quote.length > QUOTE_SHOWN_CHARS ? `${quote.slice(0, QUOTE_SHOWN_CHARS)}…` : quote}</span>
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
  onActivate: (annotation: Annotation) => void;
}

export function AnnotationList({ annotations, selectedId, filter, onFilterChange, onActivate }: AnnotationListProps) {
  const listRef = useRef<VirtuosoHandle>(null);
  const filterId = useId();
  const shown = useMemo(
    () => (filter === 'all' ? annotations : annotations.filter((a) => a.type === filter)),
    [annotations, filter],
  );
  const context = useMemo<RowContext>(() => ({ selectedId, onActivate }), [selectedId, onActivate]);

  // Keep the selected annotation's row in view when it was chosen elsewhere. In the next
  // frame, so measuring the list joins that frame's layout instead of forcing one now.
  useEffect(() => {
    if (selectedId === null) return;
    const index = shown.findIndex((a) => a.id === selectedId);
    if (index < 0) return;
    const frame = requestAnimationFrame(() => listRef.current?.scrollIntoView({ index, behavior: 'auto' }));
    return () => cancelAnimationFrame(frame);
  }, [selectedId, shown]);

  const countText = filter === 'all' ? annotations.length.toLocaleString() : `${shown.length.toLocaleString()} of ${annotations.length.toLocaleString()}`;

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
            {TAGS.map((tag) => (
              <option key={tag.type} value={tag.type}>
                {tag.label}
              </option>
            ))}
          </select>
        </div>
      </header>
      {shown.length === 0 ? (
        <p className="panel-empty">
          {annotations.length === 0 ? 'No annotations yet. Select text and press 1–4 to tag it.' : 'No annotations with this tag.'}
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
            <AnnotationRow annotation={annotation} selected={annotation.id === ctx.selectedId} onActivate={ctx.onActivate} />
          )}
        />
      )}
    </section>
  );
}
