// When the browser host refuses this page's token, it was restarted (each start makes a new
// token): say so plainly, say where the new address is, and keep what is unsaved (in memory and in
// this tab's sessionStorage) until the page is opened at that address, where it is saved, or
// downloaded as a file.
import { useSyncExternalStore } from 'react';
import { downloadTextFile } from '../api/download';
import type { SaveQueue } from '../state/save-queue';
import { isTokenRefused, subscribeTokenRefused } from './host-access';

const ADDRESS_FILE = 'host-address.txt';

export function HostRestarted({ saves, dataDir, note }: { saves: SaveQueue; dataDir: string | null; note: string | null }) {
  const refused = useSyncExternalStore(subscribeTokenRefused, isTokenRefused);
  const state = useSyncExternalStore(saves.subscribe, saves.getSnapshot);
  if (!refused && state.kind !== 'forbidden') {
    return note ? (
      <p role="status" className="notice notice-info kept-changes-note">
        {note}
      </p>
    ) : null;
  }
  const unsaved = Object.values(saves.unsavedChanges()).reduce((n, changes) => n + changes.length, 0);
  const download = () => {
    const content = JSON.stringify({ format: 'marginalia/unsaved-changes', dataDir, keptAt: new Date().toISOString(), documents: saves.unsavedChanges() }, null, 2);
    downloadTextFile(`marginalia-unsaved-changes-${new Date().toISOString().slice(0, 10)}.json`, content);
  };
  return (
    <section className="notices-region" aria-label="Server restarted">
      <div role="alert" className="notice notice-error host-restarted">
        <span className="notice-icon" aria-hidden="true">
          ⚠
        </span>
        <div className="notice-message">
          <p>
            <strong>The Marginalia server was restarted.</strong> This page still has the address of its earlier start, so nothing can be saved from it.
          </p>
          <p>
            {unsaved > 0
              ? `${unsaved} unsaved change${unsaved === 1 ? ' is' : 's are'} kept in this tab. `
              : 'Everything you did before the restart is saved. '}
            Open the server&rsquo;s new address <strong>in this tab</strong>
            {unsaved > 0 ? ' and they will be saved' : ''}: <code>npm run serve</code> prints it (&ldquo;Marginalia is serving at …&rdquo;), and it is in{' '}
            <code>{dataDir ? `${dataDir}/${ADDRESS_FILE}` : ADDRESS_FILE}</code> while the server runs.
          </p>
        </div>
        {unsaved > 0 && (
          <button type="button" className="button button-small" onClick={download}>
            Download unsaved changes
          </button>
        )}
      </div>
    </section>
  );
}
