// The centre of the window when no document is open: what Marginalia reads and the ways to open it.
interface EmptyCorpusProps {
  host: 'electron' | 'web' | null;
  onOpenFolder: () => void;
  onOpenFiles: () => void;
}

export function EmptyCorpus({ host, onOpenFolder, onOpenFiles }: EmptyCorpusProps) {
  return (
    <section className="empty-corpus" aria-label="No documents open">
      <div className="empty-corpus-body">
        <h2 className="empty-corpus-title">No documents open</h2>
        <p>Marginalia reads articles saved as plain text: .txt and .md files. To start, open some:</p>
        <ul className="empty-corpus-ways">
          <li>
            <button type="button" className="button button-primary" onClick={onOpenFolder}>
              Open folder…
            </button>{' '}
            adds every .txt and .md file in a folder and its subfolders
            {host === 'web' ? ' (type its path; ~ is your home folder).' : '.'}
          </li>
          <li>
            <button type="button" className="button" onClick={onOpenFiles}>
              Open files…
            </button>{' '}
            adds the files you choose.
          </li>
          <li>Or drag files or folders onto this window. Dropping a colleague’s Marginalia .json export imports their annotations.</li>
        </ul>
        <p className="hint">Your annotations are kept in the data folder shown at the bottom of the window, never in the articles.</p>
      </div>
    </section>
  );
}
