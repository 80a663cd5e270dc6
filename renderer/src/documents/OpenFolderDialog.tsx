// Browser host only: the page cannot show a native folder picker that yields a path, so
// the analyst types one (or picks a recent folder).
import { type FormEvent, useId, useState } from 'react';
import { FormActions, Modal } from '../ui/Modal';

interface OpenFolderDialogProps {
  recentFolders: readonly string[];
  onOpen: (path: string) => Promise<void>;
  onClose: () => void;
}

export function OpenFolderDialog({ recentFolders, onOpen, onClose }: OpenFolderDialogProps) {
  const pathId = useId();
  const [path, setPath] = useState(recentFolders[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (folder: string) => {
    if (!folder.trim()) {
      setError('Enter the full path of a folder on this computer.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onOpen(folder.trim());
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(path);
  };

  return (
    <Modal title="Open folder" onCancel={onClose} className="open-folder-dialog">
      <form onSubmit={submit} noValidate>
        <p>Every .txt and .md file inside the folder (and its subfolders) is opened.</p>
        <div className="field">
          <label htmlFor={pathId}>Folder path</label>
          <input
            id={pathId}
            type="text"
            autoFocus
            spellCheck={false}
            placeholder="/home/you/articles"
            value={path}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setPath(event.target.value)}
          />
        </div>
        {recentFolders.length > 0 && (
          <div className="recent-folders">
            <h3 className="recent-title">Recent folders</h3>
            <ul>
              {recentFolders.map((folder) => (
                <li key={folder}>
                  <button type="button" className="link-button" disabled={busy} onClick={() => void open(folder)}>
                    {folder}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <FormActions error={error} submitLabel="Open" busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
