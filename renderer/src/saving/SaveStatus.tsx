// The save status in the toolbar: "Saved" only once everything is fsynced; "Unsaved changes"
// from the first keystroke until then (with why, when a retry is pending); "Save failed: …"
// when the host failed (the changes are kept and retried).
import { useSyncExternalStore } from 'react';
import type { SaveQueue, SaveState } from '../state/save-queue';

function saveText(state: SaveState): string {
  if (state.kind === 'unsaved') return 'Unsaved changes';
  if (state.kind === 'failed') return `Save failed: ${state.message}`;
  return 'Saved';
}

export function SaveStatus({ saves }: { saves: SaveQueue }) {
  const state = useSyncExternalStore(saves.subscribe, saves.getSnapshot);
  const detail = state.kind === 'unsaved' ? state.detail : state.kind === 'failed' ? 'Your changes are kept and saved again automatically.' : null;
  return (
    <div className="save-status-box">
      <p role="status" aria-label="Save status" className={`save-status save-${state.kind}`} title={detail ?? undefined}>
        {saveText(state)}
      </p>
      {detail && <p className="save-detail">{detail}</p>}
    </div>
  );
}
