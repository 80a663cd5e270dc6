// Changes the host refused (stale, invalid, too large). They are no longer retried, so later
// saves go on; each stays listed with the reason until dismissed, with its text to copy.
import { useSyncExternalStore } from 'react';
import type { MarginaliaRecord } from '../../../shared/model/records';
import type { SaveQueue } from '../state/save-queue';

function describe(record: MarginaliaRecord): string {
  if (record.kind === 'review') return record.deleted ? 'Withdrawing a review decision' : 'A review decision';
  if (record.kind === 'comment') return record.deleted ? 'Removing a comment' : 'A comment';
  if (record.deleted) return 'Deleting an annotation';
  const quote = record.target.quote;
  return `“${quote.length > 50 ? `${quote.slice(0, 49)}…` : quote}”`;
}

/** What the analyst may want to keep from a refused change: its note or text, else its quote. */
function copyableText(record: MarginaliaRecord): string | null {
  if (record.deleted) return null;
  if (record.kind === 'span') return record.note || record.target.quote;
  if (record.kind === 'comment') return record.text;
  return record.reason ?? null;
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
