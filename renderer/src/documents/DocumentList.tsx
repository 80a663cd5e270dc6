// The open corpus: one button per document, with its file name, per-tag counts and
// warnings; files that could not be opened are listed with their reason.
import { memo } from 'react';
import type { CorpusStatus, DocumentSummary } from '../../../shared/api';
import { TAGS } from '../../../shared/model';

const DocumentItem = memo(function DocumentItem({
  document,
  current,
  onOpen,
}: {
  document: DocumentSummary;
  current: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <li className={`document-item${current ? ' is-current' : ''}`}>
      <button type="button" className="document-button" aria-current={current ? 'true' : undefined} onClick={() => onOpen(document.id)}>
        <span className="document-title">{document.title}</span>
        <span className="document-file">{document.fileName}</span>
        <span className="document-counts">
          {TAGS.map((tag) => (
            <span key={tag.type} className={`document-count tag-${tag.type}${document.counts[tag.type] === 0 ? ' is-zero' : ''}`}>
              <span className="tag-glyph" aria-hidden="true">
                {tag.glyph}
              </span>
              <span className="visually-hidden">{tag.label}:</span> {document.counts[tag.type]}
            </span>
          ))}
        </span>
      </button>
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
  onOpenDocument: (id: string) => void;
  onOpenFolder: () => void;
  onOpenFiles: () => void;
}

export const DocumentList = memo(function DocumentList({ corpus, currentId, error, onOpenDocument, onOpenFolder, onOpenFiles }: DocumentListProps) {
  const documents = corpus?.documents ?? [];
  const skipped = corpus?.skipped ?? [];
  return (
    <section className="documents-region panel" aria-label="Documents">
      <header className="panel-header">
        <h2 className="panel-title">
          Documents <span className="panel-count">{documents.length}</span>
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
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="documents-scroll">
        {documents.length === 0 && !corpus?.loading ? (
          <p className="panel-empty">No documents open. Open a folder or drop files here.</p>
        ) : (
          <ul className="document-list">
            {documents.map((document) => (
              <DocumentItem key={document.id} document={document} current={document.id === currentId} onOpen={onOpenDocument} />
            ))}
          </ul>
        )}
        {skipped.length > 0 && (
          <section className="skipped" aria-label="Skipped files">
            <h3 className="skipped-title">Skipped files</h3>
            <ul className="skipped-list">
              {skipped.map((file) => (
                <li key={file.path}>
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
