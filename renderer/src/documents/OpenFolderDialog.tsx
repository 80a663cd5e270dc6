// Browser host only: the page cannot show a native folder picker that yields a path, so the
// analyst types one (or picks a recent folder). `~` is the home folder, and the host offers the
// folders that start with what is typed (a combobox: arrows to move, Enter or a click to take one).
// The folder joins the documents already open.
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { FolderCompletion } from '../../../shared/api';
import { api } from '../api/api';
import { FormActions, Modal } from '../ui/Modal';

interface OpenFolderDialogProps {
  recentFolders: readonly string[];
  onOpen: (path: string) => Promise<void>;
  onClose: () => void;
}

/** Typing waits for a short pause before asking the host. */
const PAUSE_MS = 120;

/** Folder suggestions for what is typed; an answer to older typing is dropped. */
function useFolderCompletion(typed: string): FolderCompletion | null {
  const [completion, setCompletion] = useState<FolderCompletion | null>(null);
  const asked = useRef(0);
  const wanted = typed.trim() !== '';
  useEffect(() => {
    const ask = ++asked.current;
    if (!wanted) return;
    const timer = setTimeout(() => {
      api.completeFolder(typed).then(
        (next) => ask === asked.current && setCompletion(next),
        () => ask === asked.current && setCompletion(null),
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, wanted]);
  return wanted ? completion : null;
}

function withSlash(folder: string): string {
  return /[\\/]$/.test(folder) ? folder : `${folder}/`;
}

export function OpenFolderDialog({ recentFolders, onOpen, onClose }: OpenFolderDialogProps) {
  const pathId = useId();
  const listId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [path, setPath] = useState(recentFolders[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(-1);
  const [listOpen, setListOpen] = useState(false);
  const completion = useFolderCompletion(path);
  const options = completion && listOpen ? completion.folders : [];
  const expanded = completion?.expanded ?? null;
  const showsExpansion = expanded !== null && path.trim().startsWith('~') && expanded !== path;

  const open = async (folder: string) => {
    if (!folder.trim()) {
      setError('Enter the full path of a folder on this computer (~ is your home folder).');
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

  const choose = (folder: string) => {
    setPath(withSlash(folder));
    setActive(-1);
    setListOpen(true);
    inputRef.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      setListOpen(true);
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape' && options.length > 0) {
      // Closes the suggestions, not the dialog.
      event.preventDefault();
      event.stopPropagation();
      setListOpen(false);
      setActive(-1);
    }
  };

  return (
    <Modal title="Open folder" onCancel={onClose} className="open-folder-dialog">
      <form onSubmit={submit} noValidate>
        <p>Every .txt and .md file inside the folder (and its subfolders) is added to the open documents.</p>
        <div className="field folder-field">
          <label htmlFor={pathId}>Folder path</label>
          <input
            ref={inputRef}
            id={pathId}
            type="text"
            role="combobox"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="~/articles or /home/you/articles"
            value={path}
            aria-invalid={error ? true : undefined}
            aria-autocomplete="list"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-activedescendant={active >= 0 && options[active] ? `${listId}-${active}` : undefined}
            aria-describedby={showsExpansion ? hintId : undefined}
            onChange={(event) => {
              setPath(event.target.value);
              setActive(-1);
              setListOpen(true);
            }}
            onKeyDown={onKeyDown}
          />
          {showsExpansion && (
            <p id={hintId} className="hint folder-expanded">
              Opens {expanded}
            </p>
          )}
          <ul id={listId} role="listbox" aria-label="Folders" className="folder-suggestions" hidden={options.length === 0}>
            {options.map((folder, i) => (
              <li
                key={folder}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'is-active' : undefined}
                // Keep the focus in the field.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(folder)}
              >
                {folder}
              </li>
            ))}
          </ul>
          {options.length > 0 && completion?.more && <p className="hint folder-more">More folders match: type more of the name.</p>}
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
