// The save status in the toolbar: "Saved" only once everything is fsynced; "Unsaved changes"
// from the first keystroke until then (with why, when a retry is pending); "Save failed: …"
// when the host failed (the changes are kept and retried); "Not saved: the server was restarted"
// when the host no longer accepts this page's token (the changes are kept in the tab).
import { useSyncExternalStore } from 'react';
import type { SaveQueue, SaveState } from '../state/save-queue';

function saveText(state: SaveState): string {
  if (state.kind === 'unsaved') return 'Unsaved changes';
  if (state.kind === 'failed') return `Save failed: ${state.message}`;
  if (state.kind === 'forbidden') return 'Not saved: the server was restarted';
  return 'Saved';
}

export function SaveStatus({ saves }: { saves: SaveQueue }) {
  const state = useSyncExternalStore(saves.subscribe, saves.getSnapshot);
  const detail =
    state.kind === 'unsaved'
      ? state.detail
      : state.kind === 'failed'
        ? 'Your changes are kept and saved again automatically.'
        : state.kind === 'forbidden'
          ? 'Your changes are kept in this tab: open the server’s new address here to save them.'
          : null;
  return (
    <div className="save-status-box">
      <p role="status" aria-label="Save status" className={`save-status save-${state.kind}`} title={detail ?? undefined}>
        {saveText(state)}
      </p>
      {detail && <p className="save-detail">{detail}</p>}
    </div>
  );
}
