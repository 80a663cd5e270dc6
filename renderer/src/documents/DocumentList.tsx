// The open corpus: one button per document, with its file name, per-tag counts (my layer by
// default, or every layer) and warnings, the analyst's status of it and a button that takes it out
// of the open set. A search box (titles and full text, searched by the host), sorting by title,
// date added or annotation count. Files that could not be opened are listed with their reason.
import { memo, useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { CorpusStatus, DocumentSearchHit, DocumentStatus, DocumentSummary } from '../../../shared/api';
import { TAGS, type TagCounts, emptyCounts } from '../../../shared/model';
import type { Creator } from '../../../shared/model/records';
import { useDocumentSearch } from './useDocumentSearch';

export type DocumentSort = 'title' | 'added' | 'annotations';
export type CountsShown = 'mine' | 'all';

const STATUS_LABELS: Record<DocumentStatus, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', done: 'Done' };
const SORT_LABELS: Record<DocumentSort, string> = { title: 'Title', added: 'Date added (newest first)', annotations: 'Annotations (most first)' };

const NONE: TagCounts = emptyCounts();

/** The counts a row shows: the analyst's own layer, or every layer. */
export function shownCounts(document: DocumentSummary, shown: CountsShown, me: Creator | null): TagCounts {
  if (shown === 'all') return document.counts;
  return (me && document.countsByCreator?.[me.id]) || NONE;
}

function total(counts: TagCounts): number {
  return TAGS.reduce((sum, tag) => sum + counts[tag.type], 0);
}

const byTitle = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortDocuments(documents: readonly DocumentSummary[], sort: DocumentSort, countOf: (d: DocumentSummary) => number): DocumentSummary[] {
  const titleOrder = (a: DocumentSummary, b: DocumentSummary) => byTitle.compare(a.title, b.title) || byTitle.compare(a.path, b.path);
  const sorted = [...documents];
  if (sort === 'title') sorted.sort(titleOrder);
  else if (sort === 'added') sorted.sort((a, b) => (b.addedAt ?? '').localeCompare(a.addedAt ?? '') || titleOrder(a, b));
  else sorted.sort((a, b) => countOf(b) - countOf(a) || titleOrder(a, b));
  return sorted;
}

function Excerpt({ hit }: { hit: DocumentSearchHit }) {
  if (!hit.excerpt) return null;
  return (
    <span className="document-excerpt">
      {hit.excerpt.before}
      <mark>{hit.excerpt.match}</mark>
      {hit.excerpt.after}
      {hit.matches > 1 && <span className="document-matches"> ({hit.matches > 999 ? '999+' : hit.matches} matches)</span>}
    </span>
  );
}

const DocumentItem = memo(function DocumentItem({
  document,
  counts,
  countsLabel,
  current,
  hit,
  onOpen,
  onRemove,
  onSetStatus,
}: {
  document: DocumentSummary;
  counts: TagCounts;
  countsLabel: string;
  current: boolean;
  hit: DocumentSearchHit | undefined;
  onOpen: (id: string) => void;
  onRemove: (document: DocumentSummary) => void;
  onSetStatus: (id: string, status: DocumentStatus) => void;
}) {
  const status = document.status ?? 'not-started';
  const titleId = useId();
  return (
    <li className={`document-item status-${status}${current ? ' is-current' : ''}`}>
      <button type="button" className="document-button" aria-current={current ? 'true' : undefined} onClick={() => onOpen(document.id)}>
        <span className="document-title" id={titleId}>
          {document.title}
        </span>
        <span className="document-file">{document.fileName}</span>
        <span className="document-counts">
          <span className="visually-hidden">{countsLabel}</span>
          {TAGS.map((tag) => (
            <span key={tag.type} className={`document-count tag-${tag.type}${counts[tag.type] === 0 ? ' is-zero' : ''}`}>
              <span className="tag-glyph" aria-hidden="true">
                {tag.glyph}
              </span>
              <span className="visually-hidden">{tag.label}:</span> {counts[tag.type]}
            </span>
          ))}
          {status !== 'not-started' && <span className={`document-status-badge status-${status}`}>{STATUS_LABELS[status]}</span>}
        </span>
        {hit && <Excerpt hit={hit} />}
      </button>
      <div className="document-item-tools">
        <select
          className="document-status"
          aria-label={`Status of ${document.title.slice(0, 80)}`}
          value={status}
          onChange={(event) => onSetStatus(document.id, event.target.value as DocumentStatus)}
        >
          {(Object.keys(STATUS_LABELS) as DocumentStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-small document-remove"
          aria-describedby={titleId}
          title="Remove from the open documents (its annotations are kept; open its folder or file again to bring it back)"
          onClick={() => onRemove(document)}
        >
          Remove
        </button>
      </div>
      {document.warnings.map((warning) => (
        <p key={warning} className="document-warning">
          ⚠ {warning}
        </p>
      ))}
    </li>
  );
});

interface DocumentListProps {
  corpus: CorpusStatus | null;
  currentId: string | null;
  error: string | null;
  me: Creator | null;
  onOpenDocument: (id: string) => void;
  onOpenFolder: () => void;
  onOpenFiles: () => void;
  onRemoveDocument: (id: string) => Promise<void>;
  onSetStatus: (id: string, status: DocumentStatus) => Promise<void>;
  /** The documents in the order shown (sorted, searched), for walks that follow the list. */
  onShownOrder?: (ids: readonly string[]) => void;
}

export const DocumentList = memo(function DocumentList({
  corpus,
  currentId,
  error,
  me,
  onOpenDocument,
  onOpenFolder,
  onOpenFiles,
  onRemoveDocument,
  onSetStatus,
  onShownOrder,
}: DocumentListProps) {
  const ids = { search: useId(), sort: useId(), counts: useId() };
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<DocumentSort>('title');
  const [countsShown, setCountsShown] = useState<CountsShown>('mine');
  const [actionError, setActionError] = useState<string | null>(null);
  const documents = useMemo(() => corpus?.documents ?? [], [corpus?.documents]);
  const skipped = corpus?.skipped ?? [];
  const corpusKey = `${corpus?.loading ? 'loading' : 'ready'}:${documents.length}`;
  const search = useDocumentSearch(query, corpusKey);
  const searching = query.trim() !== '';

  const countsOf = useCallback((d: DocumentSummary): TagCounts => shownCounts(d, countsShown, me), [countsShown, me]);
  const hits = useMemo(() => new Map(search.result?.hits.map((h) => [h.docId, h]) ?? []), [search.result]);
  const shown = useMemo(() => {
    const matching = searching && search.result ? documents.filter((d) => hits.has(d.id)) : documents;
    return sortDocuments(matching, sort, (d) => total(countsOf(d)));
  }, [documents, searching, search.result, hits, sort, countsOf]);

  useEffect(() => onShownOrder?.(shown.map((d) => d.id)), [shown, onShownOrder]);

  const countsLabel = countsShown === 'mine' ? 'My annotations:' : 'Annotations, every layer:';
  const remove = useCallback(
    (document: DocumentSummary) => {
      setActionError(null);
      onRemoveDocument(document.id).catch((e: unknown) => setActionError(e instanceof Error ? e.message : String(e)));
    },
    [onRemoveDocument],
  );
  const setStatus = useCallback(
    (id: string, status: DocumentStatus) => {
      setActionError(null);
      onSetStatus(id, status).catch((e: unknown) => setActionError(e instanceof Error ? e.message : String(e)));
    },
    [onSetStatus],
  );

  return (
    <section className="documents-region panel" aria-label="Documents">
      <header className="panel-header">
        <h2 className="panel-title">
          Documents{' '}
          <span className="panel-count">{searching && search.result ? `${shown.length.toLocaleString()} of ${documents.length.toLocaleString()}` : documents.length.toLocaleString()}</span>
        </h2>
      </header>
      <div className="open-buttons">
        <button type="button" className="button" onClick={onOpenFolder}>
          Open folder…
        </button>
        <button type="button" className="button" onClick={onOpenFiles}>
          Open files…
        </button>
      </div>
      {documents.length > 0 && (
        <div className="document-tools">
          <label className="visually-hidden" htmlFor={ids.search}>
            Search documents
          </label>
          <input
            id={ids.search}
            type="search"
            className="document-search"
            placeholder="Search titles and text"
            value={query}
            spellCheck={false}
            aria-describedby={searching ? `${ids.search}-status` : undefined}
            onChange={(event) => setQuery(event.target.value)}
          />
          <div className="document-tool-row">
            <div className="filter-field">
              <label htmlFor={ids.sort}>Sort</label>
              <select id={ids.sort} value={sort} onChange={(event) => setSort(event.target.value as DocumentSort)}>
                {(Object.keys(SORT_LABELS) as DocumentSort[]).map((s) => (
                  <option key={s} value={s}>
                    {SORT_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter-field">
              <label htmlFor={ids.counts}>Counts</label>
              <select id={ids.counts} value={countsShown} onChange={(event) => setCountsShown(event.target.value as CountsShown)}>
                <option value="mine">Mine</option>
                <option value="all">All layers</option>
              </select>
            </div>
          </div>
          {searching && (
            <p id={`${ids.search}-status`} className="document-search-status" role="status">
              {search.error
                ? `Search failed: ${search.error}`
                : !search.result || search.searching
                  ? 'Searching…'
                  : shown.length === 0
                    ? `No document has “${query.trim()}” in its title or text.`
                    : `${shown.length.toLocaleString()} document${shown.length === 1 ? '' : 's'} with “${query.trim()}”`}
            </p>
          )}
        </div>
      )}
      {corpus?.loading && (
        <div className="loading-progress">
          <div
            role="progressbar"
            aria-label="Loading documents"
            aria-valuemin={0}
            aria-valuemax={Math.max(corpus.total, 1)}
            aria-valuenow={corpus.done}
            className="progress-track"
          >
            <div className="progress-fill" style={{ width: `${corpus.total > 0 ? (100 * corpus.done) / corpus.total : 0}%` }} />
          </div>
          <p className="progress-text">
            Reading {corpus.done.toLocaleString()} of {corpus.total.toLocaleString()} files…
          </p>
        </div>
      )}
      {(error ?? actionError) && (
        <p className="form-error" role="alert">
          {error ?? actionError}
        </p>
      )}
      <div className="documents-scroll">
        {documents.length === 0 && !corpus?.loading ? (
          <p className="panel-empty">No documents open. Open a folder or drop files here.</p>
        ) : (
          <ul className="document-list">
            {shown.map((document) => (
              <DocumentItem
                key={document.id}
                document={document}
                counts={countsOf(document)}
                countsLabel={countsLabel}
                current={document.id === currentId}
                hit={searching ? hits.get(document.id) : undefined}
                onOpen={onOpenDocument}
                onRemove={remove}
                onSetStatus={setStatus}
              />
            ))}
          </ul>
        )}
        {skipped.length > 0 && (
          <section className="skipped" aria-label="Skipped files">
            <h3 className="skipped-title">Skipped files</h3>
            <ul className="skipped-list">
              {skipped.map((file) => (
                <li key={`${file.path}\n${file.reason}`}>
                  {file.path} — {file.reason}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
});
