// Changes the host refused (stale, invalid, too large). They are no longer retried, so later
// saves go on; each stays listed with the reason until dismissed, with its text to copy.
import { useSyncExternalStore } from 'react';
import type { AnnotationChange } from '../../../shared/model';
import type { SaveQueue } from '../state/save-queue';

function describe(change: AnnotationChange): string {
  if (change.kind === 'delete') return 'Deleting an annotation';
  const quote = change.annotation.quote;
  return `“${quote.length > 50 ? `${quote.slice(0, 49)}…` : quote}”`;
}

/** What the analyst may want to keep from a refused change: its note, else its quote. */
function copyableText(change: AnnotationChange): string | null {
  if (change.kind === 'delete') return null;
  return change.annotation.note || change.annotation.quote;
}

export function RefusedChanges({ saves, onMessage }: { saves: SaveQueue; onMessage: (message: string) => void }) {
  const refused = useSyncExternalStore(saves.subscribe, saves.getRefused);
  if (refused.length === 0) return null;
  return (
    <section className="notices-region" aria-label="Changes not saved">
      {refused.map((item) => {
        const text = copyableText(item.change);
        return (
          <div key={item.key} role="alert" className="notice notice-error">
            <span className="notice-icon" aria-hidden="true">
              ⚠
            </span>
            <p className="notice-message">
              Not saved — {describe(item.change)}: {item.message}
            </p>
            {text !== null && (
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  void navigator.clipboard.writeText(text).then(
                    () => onMessage('Copied to the clipboard.'),
                    () => onMessage('Could not copy: the browser refused access to the clipboard.'),
                  )
                }
              >
                Copy text
              </button>
            )}
            <button type="button" className="button button-small" onClick={() => saves.dismissRefused(item.key)}>
              Dismiss
            </button>
          </div>
        );
      })}
    </section>
  );
}
