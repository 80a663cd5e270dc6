// Once the data dir is known: unsaved changes kept in this tab (from a page that could not save
// them, e.g. before the host was restarted) are sent again, and from then on every unsaved change
// is kept there too. A document already open when they are saved is shown again as saved.
import { useEffect, useRef, useState } from 'react';
import type { SaveQueue } from '../state/save-queue';
import { sessionKeeper } from './session-keeper';

function changes(n: number): string {
  return `${n} change${n === 1 ? '' : 's'}`;
}

/** Returns what to tell the analyst about the kept changes (null: nothing). */
export function useKeptChanges(saves: SaveQueue, dataDir: string | null, openDocId: string | null, reopen: (docId: string) => Promise<void>): string | null {
  const [message, setMessage] = useState<string | null>(null);
  const current = useRef({ openDocId, reopen });
  useEffect(() => {
    current.current = { openDocId, reopen };
  }, [openDocId, reopen]);
  useEffect(() => {
    if (!dataDir) return;
    const restored = saves.keepIn(sessionKeeper(dataDir));
    if (restored.changes === 0) return;
    void (async () => {
      await Promise.resolve();
      setMessage(`Saving ${changes(restored.changes)} kept in this tab from before the server was restarted…`);
      for (const docId of restored.documents) {
        await saves.whenSettled(docId);
        if (current.current.openDocId === docId) await current.current.reopen(docId);
      }
      const left = Object.keys(saves.unsavedChanges()).some((d) => restored.documents.includes(d));
      setMessage(left ? null : `${changes(restored.changes)} kept in this tab from before the server was restarted: sent (any refused are listed under Changes not saved).`);
    })();
  }, [saves, dataDir]);
  return message;
}
